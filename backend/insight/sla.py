"""The SLA overview of one call: where its cases stand, how long each stage takes, and which
municipalities the plans wait on.

Every figure is read from the records, for a given instant `as_of` (default now), so the same
data gives the same numbers:

- a case's stage at `as_of` is the target state of its last django-fsm-log StateLog row at or
  before `as_of` (a plan with no row then was a draft; an opinion requested by then with no
  row was "requested", one requested later did not exist); a case with no StateLog row at
  all (an opinion nobody acted on, or a case made outside the workflow's one door, e.g.
  imported) counts in its stored state;
- a case is overdue when the deadline of its stage, a stored date, lies before the Prague
  date of `as_of`: an opinion's `due_date` (its `council_due` while it awaits the council),
  else the call's opinion or council deadline; a plan awaiting opinions or the council: the
  earliest deadline of its opinions open at `as_of`, else the call's; awaiting a decision: the
  call's decision date; returned: its `completion_due`. Deadlines are the stored ones, i.e.
  after any extension (workflows.models.DeadlineChange records the moves);
- the time spent in a stage is counted in working days (Czech holidays excluded) between
  the Prague dates of entering it and leaving it (consecutive StateLog rows); only stays
  that ended by `as_of` count — a case still in a stage is in the open counts, not in the
  medians. The median and the 90th percentile (nearest rank) are over those stays;
- the owner is the case's current `assignee` (casework), or nobody ("unassigned").
"""

import datetime as dt
import itertools
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm_log.models import StateLog

from backend.calls.models import Call
from backend.core.deadlines import local_date, working_days_between
from backend.machines.call_lifecycle.states import CallState
from backend.machines.opinion_review.states import OPEN_STATES, OpinionState
from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan, MunicipalOpinion

# The stages of a plan in which someone owes it a step, in the order of the workflow.
STAGES = (
    PlanState.AWAITING_OPINION,
    PlanState.AWAITING_COUNCIL,
    PlanState.AWAITING_DECISION,
    PlanState.RETURNED,
)
ALL = "all"  # the owner key of a stage's total row
UNASSIGNED = "unassigned"


@dataclass(frozen=True)
class StageRow:
    """Open plans of one stage and one owner (or all owners: `owner == "all"`)."""

    stage: str
    stage_label: str
    owner: str  # the officer's id, "unassigned" or "all"
    owner_name: str
    open: int
    overdue: int


@dataclass(frozen=True)
class DurationRow:
    """The finished stays of plans in one stage: how many, their median and 90th percentile
    in working days (None without any stay)."""

    stage: str
    stage_label: str
    owner: str
    owner_name: str
    stays: int
    median: Decimal | None
    p90: int | None


@dataclass(frozen=True)
class MunicipalityRow:
    """Opinions open at one municipality: how many, how many overdue, the oldest deadline."""

    municipality_id: int
    municipality: str
    open: int
    overdue: int
    oldest_due: dt.date | None


@dataclass
class SlaOverview:
    call: Call | None
    as_of: dt.datetime
    stages: list[StageRow] = field(default_factory=list)
    durations: list[DurationRow] = field(default_factory=list)
    municipalities: list[MunicipalityRow] = field(default_factory=list)


def call_list_for_sla(*, region_ids: AbstractSet[int]) -> Any:
    """The calls of the officer's regions, newest first."""
    return Call.objects.filter(region_id__in=region_ids).order_by("-opens_at", "-id")


def call_get_default_for_sla(*, region_ids: AbstractSet[int]) -> Call | None:
    """The call the overview shows unless asked: the region's open call, else its latest."""
    calls = call_list_for_sla(region_ids=region_ids)
    return calls.filter(state=CallState.OPEN).first() or calls.first()


def _officer_name(user: Any) -> str:
    return user.get_full_name() or user.get_username()


def _state_at(
    logs: list[tuple[dt.datetime, str]], stored: str, as_of: dt.datetime, before: str | None
) -> str | None:
    """The state at `as_of` from the object's (timestamp, target) rows, oldest first."""
    if not logs:
        return stored
    state = before
    for timestamp, target in logs:
        if timestamp > as_of:
            break
        state = target
    return state


def _logs_of(model: type[Any], ids: Iterable[int]) -> dict[int, list[tuple[dt.datetime, str]]]:
    rows: dict[int, list[tuple[dt.datetime, str]]] = defaultdict(list)
    for object_id, timestamp, state in (
        StateLog.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=list(ids)
        )
        .order_by("timestamp", "id")
        .values_list("object_id", "timestamp", "state")
    ):
        rows[object_id].append((timestamp, state))
    return rows


def _percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def _duration_row(stage: str, owner: str, owner_name: str, days: list[int]) -> DurationRow:
    median = Decimal(str(statistics.median(days))).quantize(Decimal("0.1")) if days else None
    return DurationRow(
        stage,
        str(PlanState(stage).label),
        owner,
        owner_name,
        len(days),
        median,
        _percentile(days, 0.9) if days else None,
    )


def sla_overview(*, call: Call | None, as_of: dt.datetime | None = None) -> SlaOverview:
    """Open plans and overdue ones per stage and owner, working days spent per stage, and
    the opinions open per municipality, of `call` as they stood at `as_of` (default now)."""
    as_of = as_of or timezone.now()
    overview = SlaOverview(call=call, as_of=as_of)
    if call is None:
        return overview
    today = local_date(as_of)
    plans = list(
        DevelopmentPlan.objects.filter(call=call)
        .select_related("assignee")
        .only("pk", "state", "completion_due", "assignee")
    )
    opinions = list(
        MunicipalOpinion.objects.filter(plan__call=call)
        .select_related("municipality")
        .only(
            "pk",
            "plan_id",
            "state",
            "due_date",
            "council_due",
            "requested_at",
            "municipality__name",
        )
    )
    plan_logs = _logs_of(DevelopmentPlan, (plan.pk for plan in plans))
    opinion_logs = _logs_of(MunicipalOpinion, (opinion.pk for opinion in opinions))

    # Opinions open at `as_of` and the deadline each ran against then.
    open_opinions: list[tuple[MunicipalOpinion, dt.date | None]] = []
    for opinion in opinions:
        if opinion.requested_at > as_of:  # not asked for yet
            continue
        state = _state_at(
            opinion_logs.get(opinion.pk, []), opinion.state, as_of, OpinionState.REQUESTED
        )
        if state not in OPEN_STATES:
            continue
        if state == OpinionState.AWAITING_COUNCIL:
            deadline = opinion.council_due or call.council_deadline
        else:
            deadline = opinion.due_date or call.opinion_deadline
        open_opinions.append((opinion, deadline))
    earliest: dict[int, dt.date] = {}
    for opinion, deadline in open_opinions:
        if deadline is not None:
            earliest[opinion.plan_id] = min(deadline, earliest.get(opinion.plan_id, deadline))

    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    names = {UNASSIGNED: _("unassigned"), ALL: _("all officers")}
    stays: dict[tuple[str, str], list[int]] = defaultdict(list)
    for plan in plans:
        owner = str(plan.assignee_id) if plan.assignee_id else UNASSIGNED
        if plan.assignee is not None:
            names[owner] = _officer_name(plan.assignee)
        logs = plan_logs.get(plan.pk, [])
        stage = _state_at(logs, plan.state, as_of, None)
        if stage in STAGES:
            if stage == PlanState.AWAITING_DECISION:
                deadline = call.decision_date
            elif stage == PlanState.RETURNED:
                deadline = plan.completion_due
            elif stage == PlanState.AWAITING_COUNCIL:
                deadline = earliest.get(plan.pk) or call.council_deadline
            else:
                deadline = earliest.get(plan.pk) or call.opinion_deadline
            late = int(deadline is not None and deadline < today)
            for key in ((stage, owner), (stage, ALL)):
                counts[key][0] += 1
                counts[key][1] += late
        for (entered, state), (left, _next) in itertools.pairwise(logs):
            if left > as_of:
                break
            if state in STAGES:
                days = working_days_between(local_date(entered), local_date(left))
                stays[state, owner].append(days)
                stays[state, ALL].append(days)

    def owners(keyed: Iterable[tuple[str, str]], stage: str) -> list[str]:
        found = {owner for key_stage, owner in keyed if key_stage == stage and owner != ALL}
        named = sorted((o for o in found if o != UNASSIGNED), key=lambda o: names[o])
        return [ALL, *named, *([UNASSIGNED] if UNASSIGNED in found else [])]

    for stage in STAGES:
        label = str(PlanState(stage).label)
        for owner in owners(list(counts), stage):
            opened, late = counts.get((stage, owner), [0, 0])
            overview.stages.append(StageRow(stage, label, owner, names[owner], opened, late))
        for owner in owners(list(stays), stage):
            overview.durations.append(
                _duration_row(stage, owner, names[owner], stays.get((stage, owner), []))
            )

    by_municipality: dict[int, list[tuple[MunicipalOpinion, dt.date | None]]] = defaultdict(list)
    for opinion, deadline in open_opinions:
        by_municipality[opinion.municipality_id].append((opinion, deadline))
    for municipality_id, entries in by_municipality.items():
        deadlines = [deadline for _opinion, deadline in entries if deadline is not None]
        overview.municipalities.append(
            MunicipalityRow(
                municipality_id,
                entries[0][0].municipality.name,
                len(entries),
                sum(1 for deadline in deadlines if deadline < today),
                min(deadlines) if deadlines else None,
            )
        )
    overview.municipalities.sort(
        key=lambda row: (-row.overdue, row.oldest_due or dt.date.max, row.municipality)
    )
    return overview


# --- the page's chart and the CSV tables --------------------------------------------------

CHART_WIDTH = 420  # px of the longest bar


@dataclass(frozen=True)
class StageBar:
    label: str
    open: int
    overdue: int
    open_width: int
    overdue_width: int
    y: int


def sla_stage_bars(overview: SlaOverview) -> list[StageBar]:
    """Open and overdue plans per stage (all officers), scaled to the largest count."""
    totals = [row for row in overview.stages if row.owner == ALL]
    largest = max([row.open for row in totals] + [1])
    return [
        StageBar(
            row.stage_label,
            row.open,
            row.overdue,
            row.open * CHART_WIDTH // largest,
            row.overdue * CHART_WIDTH // largest,
            index * 34,
        )
        for index, row in enumerate(totals)
    ]


def sla_table(overview: SlaOverview, table: str) -> tuple[list[tuple[str, Any, int]], list[Any]]:
    """The columns (JSON key, header, width) and rows of one of the overview's tables:
    `stages`, `durations` or `municipalities` (KeyError for any other)."""
    columns: list[tuple[str, Any, int]]
    rows: list[tuple[Any, ...]]
    if table == "stages":
        columns = [
            ("stage", gettext_lazy("Stage"), 30),
            ("owner", gettext_lazy("Officer"), 30),
            ("open", gettext_lazy("Open"), 10),
            ("overdue", gettext_lazy("Overdue"), 10),
        ]
        rows = [(r.stage_label, r.owner_name, r.open, r.overdue) for r in overview.stages]
    elif table == "durations":
        columns = [
            ("stage", gettext_lazy("Stage"), 30),
            ("owner", gettext_lazy("Officer"), 30),
            ("stays", gettext_lazy("Finished stays"), 10),
            ("median", gettext_lazy("Median (working days)"), 12),
            ("p90", gettext_lazy("90th percentile (working days)"), 12),
        ]
        rows = [(r.stage_label, r.owner_name, r.stays, r.median, r.p90) for r in overview.durations]
    elif table == "municipalities":
        columns = [
            ("municipality", gettext_lazy("Municipality"), 30),
            ("open", gettext_lazy("Open opinions"), 10),
            ("overdue", gettext_lazy("Overdue"), 10),
            ("oldest_due", gettext_lazy("Oldest deadline"), 14),
        ]
        rows = [(r.municipality, r.open, r.overdue, r.oldest_due) for r in overview.municipalities]
    else:
        raise KeyError(table)
    return columns, rows


SLA_TABLES = ("stages", "durations", "municipalities")
