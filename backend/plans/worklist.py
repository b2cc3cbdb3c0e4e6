"""What waits for a user: the personal inbox of tasks with their deadlines.

A region's officer may have thousands of plans waiting for a decision (~8 000 at 100 000
plans, ~80 000 at 1 000 000). So the inbox is one ordered SQL query — a UNION ALL of one part
per kind of task, each row a light reference (kind, plan, deadline) — that the database
counts (exactly up to the paginators' cap, `backend.core.paging`) and pages; only the page
shown gets its text and link. Deadlines set per call (a draft's submission, the council's
resolution, the region's decision) are resolved in Python for the few calls concerned
(working days over the holidays) and handed to the query as constants per call.

Order: the most urgent first, tasks without a deadline last; tasks due the same day in the
order of `KINDS`, then by plan (or register entry) id and the row's id, so that a page is
the same on every request.
"""

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple, overload

from django.db import models
from django.db.models import Case, DateField, Expression, F, Q, QuerySet, Value, When
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.absences import stands_in_for
from backend.accounts.rules import roles_of
from backend.calls.models import Call
from backend.core.deadlines import PRAGUE, local_date
from backend.core.paging import count_or_estimate
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
# The kinds in the order of tasks due the same day.
KINDS = ("complete", "submit", "opinion", "resolution", "decide", "remedy")
# Calls whose drafts can still be submitted.
TAKING_PLANS = (CallState.PLANNED, CallState.OPEN)
# The columns of every part of the inbox's query.
COLUMNS = ("task_rank", "task_ref", "task_deadline", "task_row")


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


class Worklist(Sequence[TaskRef]):
    """A user's tasks, most urgent first, read from the database a page at a time: its
    length is one `COUNT(*)` over the query, a slice one query with LIMIT/OFFSET (both
    independent of how many tasks there are, in queries)."""

    def __init__(self, query: QuerySet | None) -> None:
        self._query = query

    @cached_property
    def _length(self) -> int:
        return 0 if self._query is None else self._query.count()

    def __len__(self) -> int:
        return self._length

    def count_or_estimate(self) -> tuple[int, bool]:
        """As `backend.core.paging.count_or_estimate`: the paginator's count, exact up to its
        cap (a regional officer may have tens of thousands of tasks open)."""
        return (0, True) if self._query is None else count_or_estimate(self._query)

    @overload
    def __getitem__(self, index: int) -> TaskRef: ...
    @overload
    def __getitem__(self, index: slice) -> list[TaskRef]: ...
    def __getitem__(self, index: int | slice) -> TaskRef | list[TaskRef]:
        if isinstance(index, int):
            position = index + len(self) if index < 0 else index
            if not 0 <= position < len(self):
                raise IndexError(index)
            return self[position : position + 1][0]
        if self._query is None:
            return []
        return [_ref(row) for row in self._query[index]]

    def __iter__(self) -> Iterator[TaskRef]:
        if self._query is not None:
            yield from (_ref(row) for row in self._query)


def _ref(row: tuple[int, int, dt.date | None, int]) -> TaskRef:
    rank, ref, deadline, _row = row
    return TaskRef(KINDS[rank], ref, deadline)


def worklist_for_user(*, user: Any, cases: str = Cases.ALL) -> Worklist:
    """Plans to complete or submit, opinions due, resolutions to record, decisions due,
    reservations past their remedy date; the most urgent first (tasks without a deadline
    last; see the module's docstring for ties). An officer's opinions and decisions are
    those `owned_by` them (`cases`: all, mine, unassigned)."""
    roles = roles_of(user)
    # Whose cases are this officer's: read once (who they stand in for today), used twice.
    owned = owned_by(user, cases) if roles.region_ids or roles.officer_municipality_ids else Q()
    plans = DevelopmentPlan.objects.order_by()
    opinions = MunicipalOpinion.objects.order_by()
    awaiting_council = opinions.filter(
        municipality_id__in=roles.secretary_municipality_ids,
        state=OpinionState.AWAITING_COUNCIL,
    )
    calls = _calls_concerned(roles=roles)
    parts: list[QuerySet] = []
    if roles.provider_ids:
        mine = plans.filter(provider_id__in=roles.provider_ids)
        parts.append(_part(mine.filter(state=PlanState.RETURNED), "complete", F("completion_due")))
        # A draft in a closed call can no longer be submitted: it is not a task any more.
        # Due the day the call closes (its Prague date, as `local_date`).
        parts.append(
            _part(
                mine.filter(state=PlanState.DRAFT, call__state__in=TAKING_PLANS),
                "submit",
                TruncDate("call__closes_at", tzinfo=PRAGUE),
            )
        )
    if roles.officer_municipality_ids:
        due = opinions.filter(
            owned,
            municipality_id__in=roles.officer_municipality_ids,
            state__in=[OpinionState.REQUESTED, OpinionState.DRAFTED],
        )
        parts.append(_part(due, "opinion", F("due_date"), ref="plan_id"))
    if roles.secretary_municipality_ids:
        council_by = {pk: call.council_deadline for pk, call in calls.items()}
        parts.append(
            _part(
                awaiting_council,
                "resolution",
                _per_call("plan__call_id", council_by),
                ref="plan_id",
            )
        )
    if roles.region_ids:
        awaiting_decision = plans.filter(
            owned, call__region_id__in=roles.region_ids, state=PlanState.AWAITING_DECISION
        )
        decide_by = {pk: call.decision_date for pk, call in calls.items()}
        parts.append(_part(awaiting_decision, "decide", _per_call("call_id", decide_by)))
        in_region = NetworkEntry.objects.filter(orps__region_id__in=roles.region_ids)
        overdue = NetworkEntry.objects.order_by().filter(
            level__in=RESERVATION_LEVELS,
            remedy_due__lt=local_date(timezone.now()),
            pk__in=in_region.values("pk"),
        )
        parts.append(_part(overdue, "remedy", F("remedy_due")))
    if not parts:
        return Worklist(None)
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return Worklist(
        union.order_by(F("task_deadline").asc(nulls_last=True), "task_rank", "task_ref", "task_row")
    )


def worklist_refs_for_user(*, user: Any, cases: str = Cases.ALL) -> list[TaskRef]:
    """All of `worklist_for_user`, as a list (for the few readers that need every task)."""
    return list(worklist_for_user(user=user, cases=cases))


def _calls_concerned(*, roles: Any) -> dict[int, Call]:
    """The calls whose deadlines (set per call) the user's tasks may take, in one query:
    every call with a council deadline for a council secretary (a task without one has no
    deadline), and the officer's region's (plans awaiting a decision). A handful, however
    many the tasks: reading only the calls of the plans awaiting the council looked up
    each of those plans (issue 23: 42 ms for 3 565 at 1 000 000 plans)."""
    wanted = Q()
    if roles.secretary_municipality_ids:
        wanted |= Q(council_deadline_date__isnull=False) | Q(council_deadline_days__isnull=False)
    if roles.region_ids:
        wanted |= Q(region_id__in=roles.region_ids)
    return {call.pk: call for call in Call.objects.filter(wanted)} if wanted else {}


def _per_call(call: str, deadlines: dict[int, dt.date | None]) -> Case:
    """A deadline set per call, as a constant for each call (the `call` path's value);
    none for a call without that deadline."""
    return Case(
        *(When(**{call: pk}, then=Value(day)) for pk, day in deadlines.items() if day),
        default=Value(None),
        output_field=DateField(),
    )


def _part(rows: QuerySet, kind: str, deadline: F | Expression, *, ref: str = "pk") -> QuerySet:
    """One kind's tasks as rows of `COLUMNS`: the kind's rank, the plan's (or entry's) id,
    the deadline and the row's own id (two opinions may concern one plan)."""
    return rows.annotate(
        task_rank=Value(KINDS.index(kind)),
        task_ref=F(ref),
        task_deadline=deadline,
        task_row=F("pk"),
    ).values_list(*COLUMNS)


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
