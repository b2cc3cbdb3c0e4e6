"""The opinions' clock: an open opinion is recorded as not given the day after its running
deadline (the council's while it waits for a resolution), while the plan's clock runs — the
plan moves on (system action, by=None). Run by the scheduler's `deadlines` job
(`notifications/runs.py`)."""

import datetime as dt
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any

from django.db.models import Q, QuerySet

from backend.core.locking import lock_all
from backend.machines.opinion_review.states import WITH_MUNICIPALITY_STATES, OpinionState
from backend.machines.opinion_review.transitions import OpinionTransition
from backend.machines.plan_review.routing import RoutedPlan, opinion_states_from
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
        # The municipality names the opinion in the plan's log; the locks read it again.
        .select_related("plan", "municipality")
        .order_by("due_date", "pk")
    )


def opinions_expire_sweep(*, today: dt.date) -> dict[str, int]:
    """Record the overdue opinions as not given (at most the per-run cap)."""
    return each_by_system(
        opinions_to_expire(today)[: transitions_per_run()],
        lambda o: opinion_expire(opinion=o),
        OpinionTransition.EXPIRE,
        lock_group=_lock_with_plans,
        prepare=_states_known,
    )


def _lock_with_plans(opinions: list[MunicipalOpinion]) -> list[MunicipalOpinion]:
    """The group's plans, then its opinions, locked (the order of the opinion actions)."""
    return lock_all(opinions, attach=lock_all([opinion.plan for opinion in opinions]))


def _states_known(opinions: list[MunicipalOpinion]) -> AbstractContextManager[None]:
    """The opinion states of the group's (locked) plans, read in one query, for the routing
    after each opinion: the group's own opinions are the locked instances the actions
    change, so their states are current; the plans' other opinions cannot change while
    their plans are locked (every action on an opinion locks its plan first)."""
    mine: dict[int, list[MunicipalOpinion]] = {}
    for opinion in opinions:
        mine.setdefault(opinion.plan_id, []).append(opinion)
    ids = {opinion.pk for opinion in opinions}
    others: dict[int, list[str]] = {plan_id: [] for plan_id in mine}
    rows = MunicipalOpinion.objects.filter(plan_id__in=list(mine)).values_list(
        "plan_id", "pk", "state"
    )
    for plan_id, pk, state in rows:
        if pk not in ids:
            others[plan_id].append(state)

    def states(plan: RoutedPlan) -> Iterable[str] | None:
        pk: Any = getattr(plan, "pk", None)
        if pk not in mine:
            return None
        return [*others[pk], *(opinion.state for opinion in mine[pk])]

    return opinion_states_from(states)
