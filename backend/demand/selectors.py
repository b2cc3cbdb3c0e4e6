"""Reads of demand with the visibility of `rules.py`: the tables of the regions the user
reads (regional and municipal officers), and the need recorded for a period or a plan."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from backend.calls.models import NetworkPeriod
from backend.demand.models import DemandEntry, DemandTable
from backend.plans.models import DevelopmentPlan
from backend.registry.selectors import planning_areas_for_territory, region_ids_of_officers


def demand_table_list_for_user(*, user: Any) -> QuerySet[DemandTable]:
    """The demand tables of the regions the user reads (newest validity first), with the
    number of entries as `entry_count`; empty for anyone else."""
    return (
        DemandTable.objects.filter(region_id__in=region_ids_of_officers(user))
        .select_related("region", "municipality", "recorded_by")
        .annotate(entry_count=Count("entries"))
        .order_by("-valid_from", "title", "pk")
    )


def demand_table_get_for_user(*, user: Any, table_id: int) -> DemandTable:
    """One table the user reads with its entries; `DemandTable.DoesNotExist` for any other."""
    return (
        DemandTable.objects.filter(region_id__in=region_ids_of_officers(user))
        .select_related("region", "municipality", "recorded_by")
        .prefetch_related(
            Prefetch(
                "entries",
                DemandEntry.objects.select_related("orp", "area__scheme", "service_type"),
            )
        )
        .get(pk=table_id)
    )


def valid_in_period_q(period: NetworkPeriod, prefix: str = "") -> Q:
    """Tables valid in at least one year of the period (an open-ended table from its first
    year on)."""
    return Q(**{f"{prefix}valid_from__lte": period.end_year}) & (
        Q(**{f"{prefix}valid_to__isnull": True})
        | Q(**{f"{prefix}valid_to__gte": period.start_year})
    )


def demand_entry_list_for_period(
    *, region_ids: Iterable[int], period: NetworkPeriod
) -> QuerySet[DemandEntry]:
    """The entries of the region's tables valid in the period."""
    return DemandEntry.objects.filter(
        valid_in_period_q(period, "table__"), table__region_id__in=list(region_ids)
    )


def demand_entry_list_for_territory(
    *,
    user: Any,
    period: NetworkPeriod,
    service_type_id: int,
    orp_ids: Iterable[int],
    municipality_ids: Iterable[int],
) -> QuerySet[DemandEntry]:
    """The need recorded for a territory (a plan's): entries of the § type in tables the
    user reads, valid in the period, stated for one of the ORPs or for a planning area
    holding one of the municipalities (give the municipalities of the ORPs too)."""
    return _entries_for_territory(
        region_ids=region_ids_of_officers(user),
        period=period,
        service_type_id=service_type_id,
        orp_ids=orp_ids,
        municipality_ids=municipality_ids,
    )


def _entries_for_territory(
    *,
    region_ids: Iterable[int],
    period: NetworkPeriod,
    service_type_id: int,
    orp_ids: Iterable[int],
    municipality_ids: Iterable[int],
    member_orp_ids: Iterable[int] = (),
) -> QuerySet[DemandEntry]:
    """`demand_entry_list_for_territory` for the given regions; an area also holds the
    territory when a municipality of one of `member_orp_ids` is its member."""
    orp_ids, municipality_ids = list(orp_ids), list(municipality_ids)
    members = Q(area__members__municipality_id__in=municipality_ids)
    if member_orp_ids:
        members |= Q(area__members__municipality__orp_id__in=list(member_orp_ids))
    return (
        DemandEntry.objects.filter(
            valid_in_period_q(period, "table__"),
            Q(orp_id__in=orp_ids) | members,
            table__region_id__in=list(region_ids),
            service_type_id=service_type_id,
        )
        .select_related("table", "orp", "area", "service_type")
        .distinct()
        .order_by("table__title", "pk")
    )


def demand_need_for_plan(*, user: Any, plan: DevelopmentPlan) -> dict[str, Any]:
    """What a plan's page shows of the demand: the need recorded for its territory (its
    ORPs and municipalities, with the ORPs of its municipalities and the municipalities of
    its ORPs) for its § type in tables valid in its call's period — for the readers of
    demand only — and the planning areas of its call's scheme it lies in."""
    # The plan's page has its territory read already (`plan_get_for_page`).
    orps, municipalities = plan.orps.all(), plan.municipalities.all()
    municipality_ids = {municipality.pk for municipality in municipalities}
    orp_ids = {orp.pk for orp in orps} | {municipality.orp_id for municipality in municipalities}
    region_ids = region_ids_of_officers(user)
    context: dict[str, Any] = {"reads_demand": plan.call.region_id in region_ids}
    if context["reads_demand"]:
        context["need_entries"] = list(
            _entries_for_territory(
                region_ids=region_ids,
                period=plan.call.period,
                service_type_id=plan.service.service_type_id,
                orp_ids=orp_ids,
                municipality_ids=municipality_ids,
                member_orp_ids=orp_ids,  # the municipalities of its ORPs, in the same query
            )
        )
    scheme = plan.call.planning_scheme
    if scheme is not None:
        context["plan_scheme"] = scheme
        context["plan_areas"] = list(
            planning_areas_for_territory(
                scheme_id=scheme.pk, orp_ids=orp_ids, municipality_ids=municipality_ids
            )
        )
    return context
