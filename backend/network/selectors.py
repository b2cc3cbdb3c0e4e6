"""Reads of the published network register (public)."""

from django.db.models import QuerySet

from backend.network.models import NetworkEntry


def entry_list_public() -> QuerySet[NetworkEntry]:
    return NetworkEntry.objects.select_related(
        "service__provider", "service__service_type", "period"
    ).prefetch_related("orps")


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
