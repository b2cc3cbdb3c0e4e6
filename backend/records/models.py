"""The registry of reference numbers (čísla jednací): one counter per series and year, and
one append-only row per number issued (docs/records.md).

A series is a string key: `region` (the regional office's own series: the submissions it
receives and the decisions it issues) or `municipality:<id>` (a municipality's series: the
opinions it issues). The records app sits below the domain apps, so what a number is of is a
generic relation (the plan, the opinion, the decision), never an import.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.audit.guards import AppendOnlyModel


class Direction(models.TextChoices):
    INCOMING = "incoming", _("incoming")
    OUTGOING = "outgoing", _("outgoing")


class ReferenceSequence(models.Model):
    """The next number of a series in a year; its row is locked while a number is taken."""

    series = models.CharField(_("series"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    next_number = models.PositiveIntegerField(_("next number"), default=1)

    class Meta:
        verbose_name = _("reference number sequence")
        verbose_name_plural = _("reference number sequences")
        ordering = ["series", "year"]
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="reference_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.next_number}"


class ReferenceNumber(AppendOnlyModel):
    """A reference number issued: never changed, deleted or reused."""

    value = models.CharField(_("reference number"), max_length=60, unique=True)
    series = models.CharField(_("series"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject type")
    )
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    subject = GenericForeignKey("subject_type", "subject_id")
    issued_at = models.DateTimeField(_("issued at"))

    class Meta:
        verbose_name = _("reference number")
        verbose_name_plural = _("reference numbers")
        ordering = ["series", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year", "number"], name="reference_number_unique_in_series"
            )
        ]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="reference_number_subject")
        ]

    def __str__(self) -> str:
        return self.value
