"""The record of every import of a region's network: who, when, which file (its SHA-256),
what it found row by row (the preview), and what the commit changed."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("uploaded")
    PREVIEWING = "previewing", _("previewing")
    PREVIEWED = "previewed", _("previewed")
    COMMITTING = "committing", _("committing")
    COMMITTED = "committed", _("committed")
    REFUSED = "refused", _("refused")
    FAILED = "failed", _("failed")


class RowOutcome(models.TextChoices):
    NEW = "new", _("new")
    CHANGED = "changed", _("changed")
    UNCHANGED = "unchanged", _("unchanged")
    REFUSED = "refused", _("refused")


def _upload_to(instance: "ImportRun", filename: str) -> str:
    return f"imports/{instance.sha256[:16]}/{filename}"


class ImportRun(models.Model):
    """One file imported (previewed, then perhaps committed) by a regional officer."""

    region = models.ForeignKey(
        "registry.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    file = models.FileField(_("file"), upload_to=_upload_to, max_length=300)
    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    file_format = models.CharField(_("file format"), max_length=10)
    encoding = models.CharField(_("encoding"), max_length=40, blank=True)
    delimiter = models.CharField(_("delimiter"), max_length=5, blank=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    count_new = models.PositiveIntegerField(_("new"), default=0)
    count_changed = models.PositiveIntegerField(_("changed"), default=0)
    count_unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    count_refused = models.PositiveIntegerField(_("refused"), default=0)
    count_warnings = models.PositiveIntegerField(_("warnings"), default=0)
    error = models.TextField(_("error"), blank=True)
    previewed_at = models.DateTimeField(_("previewed at"), null=True, blank=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("committed by"),
    )
    committed_at = models.DateTimeField(_("committed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import of the network")
        verbose_name_plural = _("imports of the network")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def history_reason(self) -> str:
        """What the history of every record the import changed says (simple-history keeps
        100 characters)."""
        return str(_("import no. %(id)s: %(file)s") % {"id": self.pk, "file": self.file_name})[:100]

    @property
    def running(self) -> bool:
        return self.status in (ImportStatus.PREVIEWING, ImportStatus.COMMITTING)

    @property
    def committable(self) -> bool:
        return self.status == ImportStatus.PREVIEWED and not self.count_refused

    def counts(self) -> dict[str, Any]:
        return {
            "new": self.count_new,
            "changed": self.count_changed,
            "unchanged": self.count_unchanged,
            "refused": self.count_refused,
            "warnings": self.count_warnings,
        }


class ImportRow(models.Model):
    """What one row of the file does (or would do): new, changed (with the changed fields),
    unchanged or refused (with the column and the reason), and its warnings."""

    run = models.ForeignKey(
        ImportRun, on_delete=models.CASCADE, related_name="rows", verbose_name=_("import")
    )
    number = models.PositiveIntegerField(_("row"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=RowOutcome.choices)
    registration_number = models.CharField(_("registration number"), max_length=50, blank=True)
    service_name = models.CharField(_("service"), max_length=200, blank=True)
    # [[column, old, new], …]
    changes = models.JSONField(_("changed fields"), default=list, blank=True)
    # [[column, message], …]
    errors = models.JSONField(_("errors"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)

    class Meta:
        verbose_name = _("imported row")
        verbose_name_plural = _("imported rows")
        ordering = ["run", "number"]
        indexes = [models.Index(fields=["run", "outcome", "number"], name="import_row_outcome")]

    def __str__(self) -> str:
        return f"{self.run_id}:{self.number} {self.outcome}"


class ColumnMapping(models.Model):
    """A region's own column names, mapped once to the import's columns and saved by name
    for the next import."""

    region = models.ForeignKey(
        "registry.Region", on_delete=models.CASCADE, related_name="+", verbose_name=_("region")
    )
    name = models.CharField(_("name"), max_length=100)
    # {the import's column key: the sheet's header}
    columns = models.JSONField(_("columns"), default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="column_mapping_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
