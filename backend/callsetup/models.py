"""How a call is configured: the request forms a provider files under and the documents
each form requires (docs/call-setup.md).

The plans refer to these (`DevelopmentPlan.request_form`, `PlanAttachment.requirement`);
this app sits below them and never imports them."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.core.file_types import FileType
from backend.core.free_text import SHORT_TEXT, BoundedTextField
from backend.machines.plan_review.kinds import PlanKind


class PlanField(models.TextChoices):
    """The optional fields of a plan a form can make required (the plan's field names)."""

    AMOUNT_REQUESTED = "amount_requested", _("amount requested from the region")
    COFINANCING_AMOUNT = "cofinancing_amount", _("co-financing")
    PLANNED_START = "planned_start", _("planned start")
    ACTIVITY_CARDS = "activity_cards", _("activity cards fulfilled")
    MUNICIPALITIES = "municipalities", _("territory (municipalities)")
    JUSTIFICATION = "justification", _("justification")


# Relations among them: present when the plan has at least one.
MANY_FIELDS = frozenset({PlanField.ACTIVITY_CARDS, PlanField.MUNICIPALITIES})


def _refuse_unknown(values: Any, choices: type[models.TextChoices], field: str) -> None:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValidationError({field: _("Give a list of values.")})
    unknown = sorted(set(values) - set(choices.values))
    if unknown:
        raise ValidationError(
            {field: _("Unknown values: %(values)s.") % {"values": ", ".join(unknown)}}
        )


class RequestForm(models.Model):
    """A request form of a call (e.g. A: new service): which kinds of plan file under it and
    which optional plan fields it makes required."""

    call = models.ForeignKey(
        "calls.Call",
        on_delete=models.CASCADE,
        related_name="request_forms",
        verbose_name=_("call"),
    )
    code = models.CharField(_("code"), max_length=10, help_text=_("e.g. A, B, C"))
    name = models.CharField(_("name"), max_length=200)
    description = BoundedTextField(_("description"), blank=True, max_length=SHORT_TEXT)
    # PlanKind values; a plan of another kind cannot use the form.
    kinds = models.JSONField(_("kinds of plan"), default=list)
    # PlanField values: required before the plan can be submitted.
    required_fields = models.JSONField(_("required fields"), default=list, blank=True)

    class Meta:
        verbose_name = _("request form")
        verbose_name_plural = _("request forms")
        ordering = ["call", "code"]
        constraints = [
            models.UniqueConstraint(fields=["call", "code"], name="request_form_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"

    def clean(self) -> None:
        self.code = (self.code or "").strip()
        _refuse_unknown(self.kinds, PlanKind, "kinds")
        if not self.kinds:
            raise ValidationError({"kinds": _("Choose at least one kind of plan.")})
        _refuse_unknown(self.required_fields, PlanField, "required_fields")
        if (
            self.call_id
            and self.code
            and RequestForm.objects.filter(call_id=self.call_id, code__iexact=self.code)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                {
                    "code": _("The call already has a form with the code “%(code)s”.")
                    % {"code": self.code}
                }
            )

    @property
    def kind_labels(self) -> list[str]:
        return [str(PlanKind(kind).label) for kind in self.kinds if kind in PlanKind.values]

    @property
    def required_field_labels(self) -> list[str]:
        return [
            str(PlanField(name).label) for name in self.required_fields if name in PlanField.values
        ]

    def accepts_kind(self, kind: str) -> bool:
        return kind in self.kinds


class RequiredDocument(models.Model):
    """A document a plan filed under the form must carry (e.g. proof of need), in one of the
    allowed file types."""

    form = models.ForeignKey(
        RequestForm,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("request form"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = BoundedTextField(_("description"), blank=True, max_length=SHORT_TEXT)
    # FileType values.
    file_types = models.JSONField(_("allowed file types"), default=list)
    required = models.BooleanField(
        _("required"), default=True, help_text=_("A required document blocks the submission.")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["form", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        _refuse_unknown(self.file_types, FileType, "file_types")
        if not self.file_types:
            raise ValidationError({"file_types": _("Choose at least one file type.")})

    @property
    def file_type_labels(self) -> str:
        return ", ".join(
            str(FileType(value).label) for value in self.file_types if value in FileType.values
        )

    def allows(self, file_type: str | None) -> bool:
        return file_type in self.file_types
