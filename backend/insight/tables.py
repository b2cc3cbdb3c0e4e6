"""The capacity matrix laid out for the page: rows grouped by unit, sorted by ORP and §,
with drill-down queries and the bar chart of one unit by ORP."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import QueryDict

from backend.insight.selectors import CapacityCell, CapacityMatrix
from backend.registry.choices import CapacityUnit
from backend.registry.models import Orp, PlanningArea, ServiceType

CHART_WIDTH = 480  # px of the longest bar


@dataclass
class CapacityRow:
    territory: Orp | PlanningArea | None  # an ORP, or a planning area when grouped by one
    service_type: ServiceType
    cell: CapacityCell
    drill_down: str  # the plan list's query string for this ORP × § type


@dataclass
class UnitGroup:
    unit: str
    label: str
    rows: list[CapacityRow]
    total: CapacityCell


@dataclass
class Bar:
    label: str
    network: Decimal
    requested: Decimal
    network_width: int
    requested_width: int
    y: int


def capacity_groups(
    *, matrix: CapacityMatrix, call_id: int | None, scheme_id: int | None = None
) -> list[UnitGroup]:
    """One table per unit (beds, FTE, places, flats): a row per ORP × § type with capacity
    (per planning area × § type when the matrix is grouped by the areas of `scheme_id`)."""
    territories: dict[int, Any]
    if scheme_id is None:
        territories = {orp.pk: orp for orp in Orp.objects.all()}
        order = {pk: orp.code for pk, orp in territories.items()}
    else:
        territories = {a.pk: a for a in PlanningArea.objects.filter(scheme_id=scheme_id)}
        order = {pk: area.name for pk, area in territories.items()}
    types = {st.pk: st for st in ServiceType.objects.all()}
    groups = []
    for unit, label in CapacityUnit.choices:
        cells = [c for (_o, _t, u), c in matrix.cells.items() if u == unit]
        if not cells:
            continue
        rows = []
        for cell in cells:
            query = QueryDict(mutable=True)
            if call_id:
                query["call"] = str(call_id)
            if cell.orp_id and scheme_id is None:
                query["orp"] = str(cell.orp_id)
            query["service_type"] = str(cell.service_type_id)
            rows.append(
                CapacityRow(
                    territories.get(cell.orp_id) if cell.orp_id else None,
                    types[cell.service_type_id],
                    cell,
                    query.urlencode(),
                )
            )
        rows.sort(
            key=lambda r: (
                order.get(r.cell.orp_id or 0, "~"),
                r.service_type.sort_key,
            )
        )
        groups.append(UnitGroup(unit, str(label), rows, matrix.total(unit)))
    return groups


def orp_bars(*, matrix: CapacityMatrix, unit: str) -> list[Bar]:
    """Network capacity and requested increase of one unit per ORP (all ten, in code order),
    scaled to the largest value."""
    per_orp: dict[int, list[Decimal]] = {}
    for (orp_id, _type, cell_unit), cell in matrix.cells.items():
        if cell_unit == unit and orp_id:
            sums = per_orp.setdefault(orp_id, [Decimal(0), Decimal(0)])
            sums[0] += cell.network
            sums[1] += cell.requested
    largest = max([max(v) for v in per_orp.values()] + [Decimal(1)])
    bars = []
    for index, orp in enumerate(Orp.objects.order_by("code")):
        network, requested = per_orp.get(orp.pk, [Decimal(0), Decimal(0)])
        bars.append(
            Bar(
                orp.name,
                network,
                requested,
                int(network / largest * CHART_WIDTH),
                int(requested / largest * CHART_WIDTH),
                index * 34,
            )
        )
    return bars


@dataclass
class NeedBar:
    """One § type of the need chart: need, requested and approved increases side by side."""

    service_type: ServiceType
    cell: CapacityCell
    need_width: int
    requested_width: int
    approved_width: int
    y: int


NEED_ROW = 52  # px per § type: three bars of 14 px and the gaps


def need_bars(*, matrix: CapacityMatrix, unit: str) -> list[NeedBar]:
    """Need, requested and approved increase of one unit per § type over the region (each
    row once), for the § types with any of them, scaled to the largest value."""
    types = {st.pk: st for st in ServiceType.objects.all()}
    cells = [
        cell
        for (_type, cell_unit), cell in matrix.by_type.items()
        if cell_unit == unit and (cell.need or cell.requested or cell.approved)
    ]
    cells.sort(key=lambda c: types[c.service_type_id].sort_key)
    largest = max([max(c.need, c.requested, c.approved) for c in cells] + [Decimal(1)])

    def width(value: Decimal) -> int:
        return int(max(value, Decimal(0)) / largest * CHART_WIDTH)

    return [
        NeedBar(
            types[cell.service_type_id],
            cell,
            width(cell.need),
            width(cell.requested),
            width(cell.approved),
            index * NEED_ROW,
        )
        for index, cell in enumerate(cells)
    ]


def need_chart_height(bars: list[NeedBar]) -> int:
    return len(bars) * NEED_ROW + 10


def chart_height(bars: list[Any]) -> int:
    return len(bars) * 34 + 10


# Where each ORP lies in the region, roughly (row, column): a map-like grid of the ten.
ORP_GRID = {
    "5106": (1, 1),  # Nový Bor
    "5102": (1, 3),  # Frýdlant
    "5101": (2, 1),  # Česká Lípa
    "5105": (2, 3),  # Liberec
    "5103": (3, 3),  # Jablonec nad Nisou
    "5108": (3, 4),  # Tanvald
    "5109": (4, 2),  # Turnov
    "5110": (4, 3),  # Železný Brod
    "5107": (5, 3),  # Semily
    "5104": (4, 4),  # Jilemnice
}


@dataclass
class Tile:
    name: str
    row: int
    column: int
    requested: Decimal
    value: Decimal  # per 1 000 inhabitants when the population is known, else absolute
    shade: int  # 0–100 % of the largest value


def orp_tiles(
    *, matrix: CapacityMatrix, unit: str, population: dict[int, int] | None
) -> list[Tile]:
    """The ten ORPs on a map-like grid, shaded by the requested increase of one unit (per
    1 000 inhabitants when `population` is given for every ORP)."""
    requested: dict[int, Decimal] = {}
    for (orp_id, _type, cell_unit), cell in matrix.cells.items():
        if cell_unit == unit and orp_id:
            requested[orp_id] = requested.get(orp_id, Decimal(0)) + cell.requested
    tiles: list[Tile] = []
    for orp in Orp.objects.order_by("code"):
        amount = requested.get(orp.pk, Decimal(0))
        value = amount * 1000 / population[orp.pk] if population else amount
        row, column = ORP_GRID.get(orp.code, (6, len(tiles) % 4 + 1))
        tiles.append(Tile(orp.name, row, column, amount, value.quantize(Decimal("0.01")), 0))
    largest = max([t.value for t in tiles] + [Decimal("0.01")])
    for tile in tiles:
        tile.shade = int(tile.value / largest * 100)
    return tiles
