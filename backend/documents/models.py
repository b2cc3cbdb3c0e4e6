"""Documents generated at a transition: stored once with their SHA-256, never changed.

A regenerated copy is a new row with the next version; rows and files are never edited or
deleted (`save` refuses an update, `delete` refuses always).
"""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("submitted development plan")
    OPINION = "opinion", _("municipal opinion")
    DECISION = "decision", _("regional decision")


class ImmutableDocument(Exception):
    """A stored document cannot be changed or deleted; generate a new version instead."""


def _upload_to(instance: "Document", filename: str) -> str:
    return f"documents/{instance.plan_id}/{filename}"


class Document(models.Model):
    """One version of a generated PDF: the submitted plan, an opinion or the decision."""

    plan = models.ForeignKey(
        "plans.DevelopmentPlan",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("development plan"),
    )
    opinion = models.ForeignKey(
        "plans.MunicipalOpinion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("municipal opinion"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    # "plan:7", "opinion:12", "decision:7": what the document is of, unique with the version.
    source = models.CharField(_("source"), max_length=40, editable=False)
    version = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_upload_to)
    filename = models.CharField(_("file name"), max_length=120)
    # Of the sealed file: the "verify a document" page finds a document by it.
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveIntegerField(_("size"))
    # The call's edited letter text the document was made from; null: the shipped default
    # (and every document without an editable text, the submitted plan's).
    letter_version = models.ForeignKey(
        "letters.LetterVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("letter template version"),
    )
    # The reference number (číslo jednací) printed on it: the submission's number for the
    # submitted plan, the letter's own for an opinion or a decision. A regenerated version
    # keeps its document's number; null: made before numbers were issued (docs/records.md).
    reference_number = models.ForeignKey(
        "records.ReferenceNumber",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("reference number"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["plan_id", "kind", "source", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["source", "version"], name="document_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.filename} (v{self.version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableDocument(self.pk)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableDocument(self.pk)


class RetentionMode(models.TextChoices):
    """The retention mode (skartační znak) of the Archives Act (No. 499/2004 Coll.): what
    the archive does with the records once their retention period has run."""

    ARCHIVE = "A", _("A – archive")
    SHRED = "S", _("S – shred")
    REVIEW = "V", _("V – review")


# A filing code (spisový znak) of a file plan: numbers of its levels joined by dots, "1.4.1".
validate_filing_code = RegexValidator(
    r"^[0-9]+(\.[0-9]+)*\Z",
    _("Enter the filing code as numbers separated by dots, e.g. 1.4.1."),
)

RETENTION_YEARS_MAX = 100


class DocumentFiling(models.Model):
    """The records metadata of a document kind: where the region's file plan files it and
    how long it is kept (docs/records.md). Edited in the admin; read by the records export."""

    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices, unique=True)
    filing_code = models.CharField(
        _("filing code"), max_length=20, validators=[validate_filing_code]
    )
    retention_mode = models.CharField(
        _("retention mode"), max_length=1, choices=RetentionMode.choices
    )
    retention_years = models.PositiveSmallIntegerField(
        _("retention period (years)"),
        validators=[MinValueValidator(1), MaxValueValidator(RETENTION_YEARS_MAX)],
    )

    class Meta:
        verbose_name = _("filing of a document kind")
        verbose_name_plural = _("filing of document kinds")
        ordering = ["kind"]
        constraints = [
            # The admin's validators hold in the form; these hold for every other write too.
            models.CheckConstraint(
                condition=models.Q(retention_years__gte=1)
                & models.Q(retention_years__lte=RETENTION_YEARS_MAX),
                name="document_filing_retention_years_range",
            ),
            models.CheckConstraint(
                condition=models.Q(retention_mode__in=RetentionMode.values),
                name="document_filing_retention_mode_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filing_code} {self.retention_mode}/{self.retention_years}"
