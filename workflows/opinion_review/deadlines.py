"""The opinions' clock: an open opinion is recorded as not given the day after its running
deadline (the council's while it waits for a resolution), while the plan's clock runs — the
plan moves on (system action, by=None). Run by the scheduler's `deadlines` job
(`notifications/runs.py`)."""

import datetime as dt

from django.db.models import Q, QuerySet

from backend.core.locking import lock_all
from backend.machines.opinion_review.states import WITH_MUNICIPALITY_STATES, OpinionState
from backend.machines.opinion_review.transitions import OpinionTransition
from backend.machines.plan_review.states import CLOCK_RUNNING_STATES
from backend.plans.models import MunicipalOpinion
from workflows.opinion_review.actions import opinion_expire
from workflows.sweeping import each_by_system, transitions_per_run


def opinions_to_expire(today: dt.date) -> QuerySet[MunicipalOpinion]:
    """Open opinions whose running deadline has passed, while the plan's clock runs
    (indexes: state, due_date and state, council_due)."""
    overdue = (
        Q(state__in=WITH_MUNICIPALITY_STATES, due_date__lt=today)
        | Q(state=OpinionState.AWAITING_COUNCIL, council_due__lt=today)
        | Q(state=OpinionState.AWAITING_COUNCIL, council_due__isnull=True, due_date__lt=today)
    )
    return (
        MunicipalOpinion.objects.filter(overdue)
        .filter(plan__state__in=CLOCK_RUNNING_STATES)
        .select_related("plan")
        .order_by("due_date", "pk")
    )


def opinions_expire_sweep(*, today: dt.date) -> dict[str, int]:
    """Record the overdue opinions as not given (at most the per-run cap)."""
    return each_by_system(
        opinions_to_expire(today)[: transitions_per_run()],
        lambda o: opinion_expire(opinion=o),
        OpinionTransition.EXPIRE,
        lock_group=_lock_with_plans,
    )


def _lock_with_plans(opinions: list[MunicipalOpinion]) -> list[MunicipalOpinion]:
    """The group's plans, then its opinions, locked (the order of the opinion actions)."""
    return lock_all(opinions, attach=lock_all([opinion.plan for opinion in opinions]))
