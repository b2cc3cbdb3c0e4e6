"""The demand side of the capacity dashboard, and its grouping by a planning scheme's areas.

The need comes from the demand tables valid in the period (`backend.demand`): an entry for
an ORP counts in that ORP, an entry for a planning area in each ORP of its municipalities.
When a call names a planning scheme, the dashboard groups by the scheme's areas instead:
a register entry, a plan or a demand entry counts in each area holding one of its
municipalities (a plan's own, and those of its ORPs); the totals count each row once.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, DecimalField, ExpressionWrapper, F, QuerySet, Value, When
from django.db.models.functions import Coalesce

from backend.calls.models import NetworkPeriod
from backend.demand.selectors import demand_entry_list_for_period
from backend.insight.selectors import AMOUNT, ZERO, CapacityMatrix
from backend.machines.plan_review.states import INCLUDED_STATES
from backend.network.models import NetworkEntry
from backend.plans.models import DevelopmentPlan
from backend.registry.models import PlanningAreaMember
from backend.registry.selectors import scheme_areas_of_municipalities, scheme_areas_of_orps


@dataclass(frozen=True)
class NeedRow:
    service_type_id: int
    unit: str
    quantity: Decimal
    orp_id: int | None
    area_id: int | None


def need_rows(*, region_ids: Iterable[int], period: NetworkPeriod) -> list[NeedRow]:
    """Every demand entry of the region's tables valid in the period."""
    return [
        NeedRow(*row)
        for row in demand_entry_list_for_period(region_ids=region_ids, period=period).values_list(
            "service_type_id", "unit", "quantity", "orp_id", "area_id"
        )
    ]


def _area_members(rows: list[NeedRow]) -> dict[int, list[tuple[int, int]]]:
    """(municipality id, ORP id) of each area the rows name."""
    members: dict[int, list[tuple[int, int]]] = defaultdict(list)
    area_ids = {row.area_id for row in rows if row.area_id}
    for area_id, municipality_id, orp_id in PlanningAreaMember.objects.filter(
        area_id__in=area_ids
    ).values_list("area_id", "municipality_id", "municipality__orp_id"):
        members[area_id].append((municipality_id, orp_id))
    return members


def _add(matrix: CapacityMatrix, row: NeedRow, territories: set[int]) -> None:
    for territory in territories:
        matrix.cell(territory, row.service_type_id, row.unit).need += row.quantity
    matrix.total(row.unit).need += row.quantity
    matrix.type_total(row.service_type_id, row.unit).need += row.quantity


def add_need_by_orp(matrix: CapacityMatrix, rows: list[NeedRow]) -> None:
    members = _area_members(rows)
    for row in rows:
        if row.orp_id:
            _add(matrix, row, {row.orp_id})
        else:
            _add(matrix, row, {orp for _m, orp in members.get(row.area_id or 0, [])})


def add_need_by_area(matrix: CapacityMatrix, rows: list[NeedRow], *, scheme_id: int) -> None:
    area_of = scheme_areas_of_municipalities(scheme_id=scheme_id)
    areas_of_orp = scheme_areas_of_orps(scheme_id=scheme_id)
    members = _area_members(rows)
    for row in rows:
        if row.orp_id:
            territories = set(areas_of_orp.get(row.orp_id, set()))
        else:
            municipalities = [m for m, _o in members.get(row.area_id or 0, [])]
            territories = {area_of[m] for m in municipalities if m in area_of}
        _add(matrix, row, territories)


def capacity_matrix_by_area(
    *, period: NetworkPeriod, plans: QuerySet[DevelopmentPlan], scheme_id: int
) -> CapacityMatrix:
    """The capacity matrix keyed by the scheme's areas instead of the ORPs (network,
    requested and approved increases; add the need with `add_need_by_area`)."""
    matrix = CapacityMatrix()
    area_of = scheme_areas_of_municipalities(scheme_id=scheme_id)
    areas_of_orp = scheme_areas_of_orps(scheme_id=scheme_id)
    entries = NetworkEntry.objects.filter(period=period)
    entry_areas: dict[int, set[int]] = defaultdict(set)
    for pk, orp_id in entries.values_list("pk", "orps__id"):
        entry_areas[pk] |= areas_of_orp.get(orp_id, set())
    for pk, type_id, unit, capacity in entries.values_list(
        "pk", "service__service_type_id", "unit", "capacity"
    ):
        for area in entry_areas[pk]:
            matrix.cell(area, type_id, unit).network += capacity
        matrix.total(unit).network += capacity
        matrix.type_total(type_id, unit).network += capacity
    plan_areas: dict[int, set[int]] = defaultdict(set)
    for pk, orp_id in plans.values_list("pk", "orps__id"):
        plan_areas[pk] |= areas_of_orp.get(orp_id, set())
    for pk, municipality_id in plans.values_list("pk", "municipalities__id"):
        if municipality_id in area_of:
            plan_areas[pk].add(area_of[municipality_id])
    requested = ExpressionWrapper(F("capacity_requested") - F("capacity_current"), AMOUNT)
    approved = Case(
        When(
            state__in=list(INCLUDED_STATES),
            then=ExpressionWrapper(
                Coalesce("decision__approved_capacity", "capacity_requested")
                - F("capacity_current"),
                AMOUNT,
            ),
        ),
        default=Value(ZERO),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )
    for pk, type_id, unit, more, granted in plans.annotate(
        more=requested, granted=approved
    ).values_list("pk", "service__service_type_id", "capacity_unit", "more", "granted"):
        for area in plan_areas[pk]:
            cell = matrix.cell(area, type_id, unit)
            cell.requested += more
            cell.approved += granted
        for total in (matrix.total(unit), matrix.type_total(type_id, unit)):
            total.requested += more
            total.approved += granted
    return matrix
