"""Reads of the registry with who may see them: the region's planning schemes and areas."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from backend.accounts.rules import roles_of
from backend.registry.models import Municipality, PlanningArea, PlanningAreaMember, PlanningScheme


def region_ids_of_officers(user: Any) -> frozenset[int]:
    """The regions whose planning data the user reads: a regional officer's, and the region
    of a municipal officer's municipality."""
    roles = roles_of(user)
    municipal = set(
        Municipality.objects.filter(pk__in=roles.officer_municipality_ids).values_list(
            "orp__region_id", flat=True
        )
    )
    return roles.region_ids | frozenset(municipal)


def planning_scheme_list_for_user(*, user: Any) -> QuerySet[PlanningScheme]:
    """The planning schemes of the regions the user reads (none for anyone else), with
    their service types and areas (each with its municipalities)."""
    return PlanningScheme.objects.filter(
        region_id__in=region_ids_of_officers(user)
    ).prefetch_related(
        "service_types",
        Prefetch(
            "areas",
            PlanningArea.objects.prefetch_related(
                Prefetch("municipalities", Municipality.objects.select_related("orp"))
            ),
        ),
    )


def planning_scheme_get_for_user(*, user: Any, scheme_id: int) -> PlanningScheme:
    """One scheme the user reads; `PlanningScheme.DoesNotExist` for any other."""
    return planning_scheme_list_for_user(user=user).get(pk=scheme_id)


def planning_area_list_for_user(*, user: Any) -> QuerySet[PlanningArea]:
    return PlanningArea.objects.filter(
        scheme__region_id__in=region_ids_of_officers(user)
    ).select_related("scheme")


def scheme_areas_of_municipalities(*, scheme_id: int) -> dict[int, int]:
    """The area of each municipality in the scheme (municipality id → area id)."""
    return dict(
        PlanningAreaMember.objects.filter(scheme_id=scheme_id).values_list(
            "municipality_id", "area_id"
        )
    )


def scheme_areas_of_orps(*, scheme_id: int) -> dict[int, set[int]]:
    """The areas of the scheme holding at least one municipality of each ORP (ORP id → area
    ids); an ORP none of whose municipalities is in an area is absent."""
    areas: dict[int, set[int]] = defaultdict(set)
    for orp_id, area_id in PlanningAreaMember.objects.filter(scheme_id=scheme_id).values_list(
        "municipality__orp_id", "area_id"
    ):
        areas[orp_id].add(area_id)
    return dict(areas)


def planning_areas_for_territory(
    *, scheme_id: int, orp_ids: Iterable[int], municipality_ids: Iterable[int]
) -> QuerySet[PlanningArea]:
    """The scheme's areas holding one of the municipalities or a municipality of one of the
    ORPs (a plan's territory)."""
    return (
        PlanningArea.objects.filter(scheme_id=scheme_id)
        .filter(
            Q(members__municipality_id__in=list(municipality_ids))
            | Q(members__municipality__orp_id__in=list(orp_ids))
        )
        .distinct()
        .order_by("name")
    )
