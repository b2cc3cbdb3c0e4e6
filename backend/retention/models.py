"""One row per run of the retention purge: when, whether it was a dry run, and how many
records of each category it removed or anonymised (or would have). Append-only: the trigger
of audit/0015 on PostgreSQL, the ORM guard everywhere."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.audit.guards import AppendOnlyModel


class RetentionRun(AppendOnlyModel):
    ran_at = models.DateTimeField(_("ran at"), default=timezone.now, db_index=True)
    # The moment the periods were counted back from (the demo clock's, in a demo).
    as_of = models.DateTimeField(_("as of"))
    dry_run = models.BooleanField(_("dry run"), default=False)
    counts = models.JSONField(_("counts"), default=dict)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-ran_at", "-id"]

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M} {'dry run ' if self.dry_run else ''}{self.counts}"
