"""Who owned a case when: every assignment of a plan or an opinion, appended, never changed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from backend.audit.guards import AppendOnlyModel


class Assignment(AppendOnlyModel):
    """One change of a case's owner: a plan's regional officer or an opinion's municipal
    officer; `assignee` empty means the case was unassigned. The case's current owner is its
    `assignee` field; this is the log of how it got there."""

    plan = models.ForeignKey(
        "plans.DevelopmentPlan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("development plan"),
    )
    opinion = models.ForeignKey(
        "plans.MunicipalOpinion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("municipal opinion"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned officer"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    # The outbox event that tells the new owner (the notice reads the assignee from here).
    event = models.OneToOneField(
        "events.Event",
        on_delete=models.PROTECT,
        related_name="assignment",
        verbose_name=_("domain event"),
    )
    created_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="assignment_of_plan_or_opinion",
                condition=Q(plan__isnull=False, opinion__isnull=True)
                | Q(plan__isnull=True, opinion__isnull=False),
            )
        ]

    def __str__(self) -> str:
        case = f"plan #{self.plan_id}" if self.plan_id else f"opinion #{self.opinion_id}"
        return f"{case} → {self.assignee or '—'}"
