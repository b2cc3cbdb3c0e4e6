"""What waits for a user: the personal inbox of tasks with their deadlines.

A region's officer may have thousands of plans waiting for a decision. The tasks are first
listed as light references (kind, plan, deadline: one row of ids and dates each), sorted by
urgency, and only the ones shown — a page of the API's inbox — get their text and link.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.absences import stands_in_for
from backend.accounts.rules import roles_of
from backend.calls.models import Call
from backend.core.deadlines import local_date
from backend.machines.call_lifecycle.states import CallState
from backend.machines.opinion_review.states import OpinionState
from backend.machines.plan_review.states import PlanState
from backend.network.choices import RESERVATION_LEVELS
from backend.network.models import NetworkEntry
from backend.plans.models import DevelopmentPlan, MunicipalOpinion

# What each kind of task asks for.
WHAT = {
    "complete": _("Complete the returned plan"),
    "submit": _("Submit the draft"),
    "opinion": _("Give the municipality's opinion"),
    "resolution": _("Record the council resolution"),
    "decide": _("Decide on the plan"),
    "remedy": _("Follow up the reservation whose remedy date passed"),
}


class TaskRef(NamedTuple):
    """A task before its text: enough to sort and page thousands of them (a tuple: cheap
    to make by the thousand). `plan_id` is the plan's, or the register entry's for a
    "remedy" task."""

    kind: str
    plan_id: int
    deadline: dt.date | None


@dataclass(frozen=True)
class Task:
    what: str
    subject: str
    url: str
    deadline: dt.date | None
    plan_id: int | None = None


class Cases(models.TextChoices):
    """Which of the office's cases an officer's inbox shows."""

    ALL = "all", _("mine and unassigned")
    MINE = "mine", _("my cases")
    UNASSIGNED = "unassigned", _("unassigned")


def owned_by(user: Any, cases: str = Cases.ALL) -> Q:
    """The cases (plans or opinions, by their `assignee`) an officer works on: their own and
    those of the colleagues they stand in for today, and unless `cases` says otherwise the
    unassigned ones; a colleague's case is theirs, not in everyone's inbox."""
    owners = [user.pk, *stands_in_for(user, timezone.localdate())]
    mine, unassigned = Q(assignee_id__in=owners), Q(assignee__isnull=True)
    if cases == Cases.MINE:
        return mine
    if cases == Cases.UNASSIGNED:
        return unassigned
    return mine | unassigned


def worklist_refs_for_user(*, user: Any, cases: str = Cases.ALL) -> list[TaskRef]:
    """Plans to complete or submit, opinions due, resolutions to record, decisions due;
    the most urgent first (tasks without a deadline last). An officer's opinions and
    decisions are those `owned_by` them (`cases`: all, mine, unassigned)."""
    roles = roles_of(user)
    refs: list[TaskRef] = []
    # Whose cases are this officer's: read once (who they stand in for today), used twice.
    owned = owned_by(user, cases) if roles.region_ids or roles.officer_municipality_ids else Q()
    plans = DevelopmentPlan.objects.all()
    # A draft in a closed call can no longer be submitted: it is not a task any more.
    for plan_id, state, completion_due, closes_at in plans.filter(
        Q(state=PlanState.RETURNED)
        | Q(state=PlanState.DRAFT, call__state__in=[CallState.PLANNED, CallState.OPEN]),
        provider_id__in=roles.provider_ids,
    ).values_list("pk", "state", "completion_due", "call__closes_at"):
        if state == PlanState.RETURNED:
            refs.append(TaskRef("complete", plan_id, completion_due))
        else:
            refs.append(TaskRef("submit", plan_id, local_date(closes_at)))
    opinions = MunicipalOpinion.objects.all()
    refs.extend(
        TaskRef("opinion", plan_id, due_date)
        for plan_id, due_date in opinions.filter(
            owned,
            municipality_id__in=roles.officer_municipality_ids,
            state__in=[OpinionState.REQUESTED, OpinionState.DRAFTED],
        ).values_list("plan_id", "due_date")
    )
    awaiting_council = list(
        opinions.filter(
            municipality_id__in=roles.secretary_municipality_ids,
            state=OpinionState.AWAITING_COUNCIL,
        ).values_list("plan_id", "plan__call_id")
    )
    awaiting_decision = list(
        plans.filter(
            owned,
            call__region_id__in=roles.region_ids,
            state=PlanState.AWAITING_DECISION,
        ).values_list("pk", "call_id")
    )
    call_deadline = _call_deadlines(
        {call_id for _, call_id in awaiting_council + awaiting_decision}
    )
    refs.extend(
        TaskRef("resolution", plan_id, call_deadline(call_id, "council_deadline"))
        for plan_id, call_id in awaiting_council
    )
    refs.extend(
        TaskRef("decide", plan_id, call_deadline(call_id, "decision_date"))
        for plan_id, call_id in awaiting_decision
    )
    if roles.region_ids:
        refs.extend(
            TaskRef("remedy", entry_id, remedy_due)
            for entry_id, remedy_due in NetworkEntry.objects.filter(
                level__in=RESERVATION_LEVELS,
                remedy_due__lt=local_date(timezone.now()),
                orps__region_id__in=roles.region_ids,
            )
            .distinct()
            .values_list("pk", "remedy_due")
        )
    return sorted(refs, key=lambda ref: (ref.deadline is None, ref.deadline or dt.date.max))


def _call_deadlines(call_ids: set[int]) -> Callable[[int, str], dt.date | None]:
    """A call's deadline by name, each resolved once (working days over the holidays); the
    calls are read in one query."""
    calls = Call.objects.in_bulk(call_ids)
    deadlines: dict[tuple[int, str], dt.date | None] = {}

    def deadline(call_id: int, name: str) -> dt.date | None:
        if (call_id, name) not in deadlines:
            deadlines[call_id, name] = getattr(calls[call_id], name)
        return deadlines[call_id, name]

    return deadline


def worklist_tasks(refs: Iterable[TaskRef]) -> list[Task]:
    """The tasks of the given references, in their order, with their text and link."""
    refs = list(refs)  # read more than once (a page's object list is one)
    plans = DevelopmentPlan.objects.select_related("service").in_bulk(
        {ref.plan_id for ref in refs if ref.kind != "remedy"}
    )
    entries = NetworkEntry.objects.select_related("service", "period").in_bulk(
        {ref.plan_id for ref in refs if ref.kind == "remedy"}
    )
    return [
        Task(
            str(WHAT[ref.kind]),
            f"{entries[ref.plan_id].service.name} ({entries[ref.plan_id].period})",
            reverse("network:entry", args=[ref.plan_id]),
            ref.deadline,
        )
        if ref.kind == "remedy"
        else Task(
            str(WHAT[ref.kind]),
            str(plans[ref.plan_id]),
            reverse("plans:detail", args=[ref.plan_id]),
            ref.deadline,
            ref.plan_id,
        )
        for ref in refs
    ]
