"""The audit of deadline recomputations (extensions and stop-the-clock).

State changes are logged by django-fsm-log; deadlines move without a state change, so every
move is recorded here, append-only, with its cause and reason.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.audit.guards import AppendOnlyModel
from backend.core.free_text import SHORT_TEXT, BoundedTextField


class DeadlineCause(models.TextChoices):
    EXTENSION = "extension", _("extended by the regional office")
    CLOCK_STOPPED = "clock_stopped", _("time with the provider for completion added")


class DeadlineField(models.TextChoices):
    COMPLETION = "completion_due", _("completion deadline")
    OPINION = "due_date", _("opinion deadline")
    COUNCIL = "council_due", _("council deadline")


class DeadlineChange(AppendOnlyModel):
    """One deadline of a plan or of one of its opinions moved from `old_date` to `new_date`."""

    plan = models.ForeignKey(
        "plans.DevelopmentPlan",
        on_delete=models.CASCADE,
        related_name="deadline_changes",
        verbose_name=_("development plan"),
    )
    opinion = models.ForeignKey(
        "plans.MunicipalOpinion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadline_changes",
        verbose_name=_("municipal opinion"),
    )
    field = models.CharField(_("deadline"), max_length=20, choices=DeadlineField.choices)
    old_date = models.DateField(_("old date"), null=True, blank=True)
    new_date = models.DateField(_("new date"))
    cause = models.CharField(_("cause"), max_length=20, choices=DeadlineCause.choices)
    working_days = models.PositiveSmallIntegerField(_("working days added"), null=True, blank=True)
    reason = BoundedTextField(_("reason"), max_length=SHORT_TEXT)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("deadline change")
        verbose_name_plural = _("deadline changes")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_field_display()}: {self.old_date} → {self.new_date}"

    @property
    def subject(self) -> models.Model:
        """The object whose deadline moved: the opinion, or else the plan."""
        return self.opinion or self.plan
