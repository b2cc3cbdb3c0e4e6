"""Reads of the published network register (public)."""

from django.db.models import Prefetch, QuerySet

from backend.network.models import CapacityChange, NetworkEntry
from backend.plans.choices import ResolutionOutcome
from backend.plans.models import MunicipalOpinion


def entry_list_public() -> QuerySet[NetworkEntry]:
    return NetworkEntry.objects.select_related(
        "service__provider", "service__service_type", "period"
    ).prefetch_related("orps")


def entry_get_public(*, entry_id: int) -> NetworkEntry:
    """The entry with its capacity history; each change from a plan carries, as
    `plan.council_opinions`, the opinions a municipal council approved by a resolution
    (the register cites them next to the region's decision)."""
    council_opinions = MunicipalOpinion.objects.filter(
        resolution__outcome=ResolutionOutcome.APPROVED
    ).select_related("resolution__municipality__seat_of_orp")
    changes = CapacityChange.objects.select_related("plan").prefetch_related(
        Prefetch("plan__opinions", queryset=council_opinions, to_attr="council_opinions")
    )
    return (
        entry_list_public().prefetch_related(Prefetch("changes", queryset=changes)).get(pk=entry_id)
    )


def entry_list_context(*, plan: object) -> QuerySet[NetworkEntry]:
    """Services of the plan's § type already in the network in the ORPs the plan touches,
    for the plan's period: what a municipality weighs the request against."""
    return (
        entry_list_public()
        .filter(
            period=plan.call.period,  # type: ignore[attr-defined]
            service__service_type=plan.service.service_type,  # type: ignore[attr-defined]
            orps__in=plan.orps.all(),  # type: ignore[attr-defined]
        )
        .distinct()
    )
