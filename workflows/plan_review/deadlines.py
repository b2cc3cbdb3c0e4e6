"""The plans' clock: a returned plan lapses the day after its completion deadline (system
action, by=None). Run by the scheduler's `deadlines` job (`notifications/runs.py`)."""

import datetime as dt

from django.db.models import QuerySet

from backend.core.locking import lock_all
from backend.machines.plan_review.states import PlanState
from backend.machines.plan_review.transitions import PlanTransition
from backend.plans.models import DevelopmentPlan
from workflows.plan_review.actions import open_opinions_locked, plan_lapse
from workflows.sweeping import each_by_system, transitions_per_run


def plans_to_lapse(today: dt.date) -> QuerySet[DevelopmentPlan]:
    """Returned plans whose completion deadline has passed (index: state, completion_due)."""
    return DevelopmentPlan.objects.filter(
        state=PlanState.RETURNED, completion_due__lt=today
    ).order_by("completion_due", "pk")


def plans_lapse_sweep(*, today: dt.date) -> dict[str, int]:
    """Lapse the overdue returned plans (at most the per-run cap)."""
    return each_by_system(
        plans_to_lapse(today)[: transitions_per_run()],
        lambda p: plan_lapse(plan=p),
        PlanTransition.LAPSE,
        lock_group=_lock_with_open_opinions,
    )


def _lock_with_open_opinions(plans: list[DevelopmentPlan]) -> list[DevelopmentPlan]:
    """The group's plans locked, then their open opinions (which a lapse cancels)."""
    return open_opinions_locked(lock_all(plans))
