"""Who may read and record demand: the regional office of the region (on behalf of any
territory of it) and the municipal officers (for their own ORP's territory)."""

from collections.abc import Iterable
from typing import Any

from backend.accounts.rules import roles_of
from backend.demand.models import DemandTable
from backend.registry.models import Municipality, Orp, PlanningArea
from backend.registry.selectors import region_ids_of_officers


def officer_orp_ids(user: Any) -> frozenset[int]:
    """The ORPs whose territory a municipal officer states demand for: those of its
    municipalities."""
    ids = roles_of(user).officer_municipality_ids
    return frozenset(Municipality.objects.filter(pk__in=ids).values_list("orp_id", flat=True))


def may_read_demand(user: Any, table: DemandTable) -> bool:
    return table.region_id in region_ids_of_officers(user)


def may_record_demand(user: Any) -> bool:
    """Whether the user records demand tables at all (regional or municipal officers)."""
    roles = roles_of(user)
    return bool(roles.region_ids or roles.officer_municipality_ids)


def may_edit_table(user: Any, table: DemandTable) -> bool:
    """The region's officers edit every table of it; a municipal officer the tables its
    municipality states."""
    roles = roles_of(user)
    if table.region_id in roles.region_ids:
        return True
    return table.municipality_id is not None and (
        table.municipality_id in roles.officer_municipality_ids
    )


def territory_refusals(
    user: Any, *, region_id: int, orps: Iterable[Orp], areas: Iterable[PlanningArea]
) -> list[str]:
    """The territories of `orps` and `areas` the user may not state demand for (their names;
    [] when it may state all of them). The regional office: any of its region; a municipal
    officer: its ORPs, and areas lying wholly within them."""
    if region_id in roles_of(user).region_ids:
        return []
    own = officer_orp_ids(user)
    refused = [str(orp) for orp in orps if orp.pk not in own]
    for area in areas:
        orp_ids = set(area.municipalities.values_list("orp_id", flat=True))
        if not orp_ids or not orp_ids <= own:
            refused.append(area.name)
    return refused
