"""The follow-up of a reservation (levels Z1v, Z2v): the provider's statements on the remedy
and the regional office's finding (remedied or not), each citing a resolution."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.core.free_text import BoundedTextField
from backend.network.choices import NetworkLevel
from backend.plans.uploads import stored_name
from backend.plans.validators import validate_attachment
from backend.remedies.steps import RemedyOutcomeKind


class RemedyStatement(models.Model):
    """The provider's answer to a reservation: what it did, with documents. A provider may
    send more than one; none is edited once sent."""

    entry = models.ForeignKey(
        "network.NetworkEntry",
        on_delete=models.PROTECT,
        related_name="remedy_statements",
        verbose_name=_("register entry"),
    )
    # The remedy date the statement answered (the entry's, when it was sent).
    remedy_due = models.DateField(_("remedy by"), null=True, blank=True)
    text = BoundedTextField(_("statement"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("remedy statement")
        verbose_name_plural = _("remedy statements")
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.sent_at:%Y-%m-%d}"


def _upload_to(instance: "RemedyStatementAttachment", filename: str) -> str:
    return f"remedies/{instance.statement.entry_id}/{stored_name(filename)}"


class RemedyStatementAttachment(models.Model):
    statement = models.ForeignKey(
        RemedyStatement,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("remedy statement"),
    )
    file = models.FileField(_("file"), upload_to=_upload_to, validators=[validate_attachment])
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))

    class Meta:
        verbose_name = _("statement document")
        verbose_name_plural = _("statement documents")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class RemedyOutcome(models.Model):
    """The regional office's finding on a reservation: remedied (the entry moves to included)
    or not remedied (the entry moves to not included), citing the resolution."""

    entry = models.ForeignKey(
        "network.NetworkEntry",
        on_delete=models.PROTECT,
        related_name="remedy_outcomes",
        verbose_name=_("register entry"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=RemedyOutcomeKind.choices)
    remedy_due = models.DateField(_("remedy by"), null=True, blank=True)
    conditions = BoundedTextField(_("what was to be remedied"), blank=True)
    level_before = models.CharField(_("level before"), max_length=20, choices=NetworkLevel.choices)
    level_after = models.CharField(_("level after"), max_length=20, choices=NetworkLevel.choices)
    reason = BoundedTextField(_("reason"), blank=True)
    resolution_number = models.CharField(
        _("resolution number"), max_length=30, help_text=_("e.g. 258/17/ZK")
    )
    resolution_date = models.DateField(_("resolution date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("remedy finding")
        verbose_name_plural = _("remedy findings")
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.outcome}"
