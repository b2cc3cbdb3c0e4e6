"""Set-based aggregate reads behind the planning pages.

Capacity per ORP × § type × unit: the network register for a period (public) and, for the
regional office, the capacity increases its calls' plans request and those the region
approved. An entry or a plan covering several ORPs counts in each of them; the totals count
it once.
"""

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce

from backend.calls.models import Call, NetworkPeriod
from backend.machines.plan_review.states import INCLUDED_STATES, PlanState
from backend.network.models import NetworkEntry
from backend.plans.models import DevelopmentPlan
from backend.registry.models import ActivityCard, Orp

ZERO = Decimal(0)
AMOUNT = DecimalField(max_digits=12, decimal_places=2)
# Plans that no longer ask for anything.
DROPPED_STATES = [PlanState.DRAFT, PlanState.WITHDRAWN, PlanState.LAPSED]


@dataclass
class CapacityCell:
    """Capacity of one ORP × § type in one unit."""

    orp_id: int | None
    service_type_id: int
    unit: str
    network: Decimal = ZERO
    requested: Decimal = ZERO
    approved: Decimal = ZERO
    # The increase the municipalities' demand tables valid in the period state.
    need: Decimal = ZERO

    @property
    def gap(self) -> Decimal:
        """The need the region has not yet covered: need − approved increase (negative when
        more was approved than needed). `docs/demand.md` explains the choice."""
        return self.need - self.approved


@dataclass
class CapacityMatrix:
    """The cells are keyed by territory — an ORP, or a planning area when the matrix is
    grouped by a scheme's areas (`orp_id` then holds the area's id) — × § type × unit."""

    cells: dict[tuple[int | None, int, str], CapacityCell] = field(default_factory=dict)
    totals: dict[str, CapacityCell] = field(default_factory=dict)  # per unit, each row once
    # per § type × unit over the whole region, each row once
    by_type: dict[tuple[int, str], CapacityCell] = field(default_factory=dict)

    def cell(self, orp_id: int | None, service_type_id: int, unit: str) -> CapacityCell:
        key = (orp_id, service_type_id, unit)
        return self.cells.setdefault(key, CapacityCell(orp_id, service_type_id, unit))

    def total(self, unit: str) -> CapacityCell:
        return self.totals.setdefault(unit, CapacityCell(None, 0, unit))

    def type_total(self, service_type_id: int, unit: str) -> CapacityCell:
        key = (service_type_id, unit)
        return self.by_type.setdefault(key, CapacityCell(None, service_type_id, unit))


def plans_for_capacity(
    *, period: NetworkPeriod, region_ids: AbstractSet[int], call: Call | None = None
) -> QuerySet[DevelopmentPlan]:
    """Submitted plans of the region's calls for the period that ask for more capacity."""
    plans = DevelopmentPlan.objects.filter(
        call__period=period,
        call__region_id__in=region_ids,
        capacity_requested__gt=F("capacity_current"),
    ).exclude(state__in=DROPPED_STATES)
    return plans.filter(call=call) if call is not None else plans


def capacity_matrix(
    *, period: NetworkPeriod, plans: QuerySet[DevelopmentPlan] | None = None
) -> CapacityMatrix:
    """Network capacity, requested and approved increases per ORP × § type × unit, with
    totals per unit; `plans=None` gives the public, register-only matrix."""
    matrix = CapacityMatrix()
    entries = NetworkEntry.objects.filter(period=period)
    by_cell = ("orps__id", "service__service_type_id")
    for row in entries.values(*by_cell, "unit").annotate(total=Sum("capacity")):
        matrix.cell(row["orps__id"], row["service__service_type_id"], row["unit"]).network = row[
            "total"
        ]
    for row in entries.values("unit").annotate(total=Sum("capacity")):
        matrix.total(row["unit"]).network = row["total"]
    for row in entries.values("service__service_type_id", "unit").annotate(total=Sum("capacity")):
        matrix.type_total(row["service__service_type_id"], row["unit"]).network = row["total"]
    if plans is None:
        return matrix
    requested = ExpressionWrapper(F("capacity_requested") - F("capacity_current"), AMOUNT)
    approved = ExpressionWrapper(
        Coalesce("decision__approved_capacity", "capacity_requested") - F("capacity_current"),
        AMOUNT,
    )
    included = Q(state__in=list(INCLUDED_STATES))
    requested_total = Sum(requested)
    approved_total = Coalesce(Sum(approved, filter=included), ZERO, output_field=AMOUNT)
    for row in plans.values(*by_cell, "capacity_unit").annotate(
        requested_total=requested_total, approved_total=approved_total
    ):
        cell = matrix.cell(row["orps__id"], row["service__service_type_id"], row["capacity_unit"])
        cell.requested, cell.approved = row["requested_total"], row["approved_total"]
    for row in plans.values("capacity_unit").annotate(
        requested_total=requested_total, approved_total=approved_total
    ):
        total = matrix.total(row["capacity_unit"])
        total.requested, total.approved = row["requested_total"], row["approved_total"]
    for row in plans.values("service__service_type_id", "capacity_unit").annotate(
        requested_total=requested_total, approved_total=approved_total
    ):
        total = matrix.type_total(row["service__service_type_id"], row["capacity_unit"])
        total.requested, total.approved = row["requested_total"], row["approved_total"]
    return matrix


def activity_card_coverage(*, region_ids: AbstractSet[int], call: Call | None = None) -> list[Any]:
    """Every activity card with the number of submitted plans (of the region's calls) that
    cite it, cards cited by none included (count 0)."""
    cited = Q(
        plans__submitted_at__isnull=False,
        plans__call__region_id__in=region_ids,
    )
    if call is not None:
        cited &= Q(plans__call=call)
    return list(
        ActivityCard.objects.annotate(
            plan_count=Count("plans", filter=cited, distinct=True)
        ).order_by("code")
    )


def orp_population() -> dict[int, int] | None:
    """Inhabitants per ORP (the sum of its municipalities), or None unless every ORP has
    them."""
    rows = dict(
        Orp.objects.annotate(people=Sum("municipalities__population")).values_list("pk", "people")
    )
    if not rows or any(not people for people in rows.values()):
        return None
    return {pk: int(people) for pk, people in rows.items()}
