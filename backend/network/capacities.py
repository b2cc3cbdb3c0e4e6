"""The capacity the network register holds for a service in a period, and the entry that
holds it: what a plan's current capacity must be (the plans' models and forms read it)."""

from collections.abc import Iterable
from decimal import Decimal

from backend.network.models import NetworkEntry


def capacity_in_network(*, service_id: int, period_id: int) -> Decimal | None:
    """The capacity the register holds for the service in the period (None: not in it)."""
    return (
        NetworkEntry.objects.filter(service_id=service_id, period_id=period_id)
        .values_list("capacity", flat=True)
        .first()
    )


def entry_in_network(*, service_id: int, period_id: int) -> NetworkEntry | None:
    """The service's entry in the period, with what put it there (level, resolution) and
    the period (the plan's page names it)."""
    return (
        NetworkEntry.objects.filter(service_id=service_id, period_id=period_id)
        .select_related("period")
        .first()
    )


def capacities_in_network(
    *, service_ids: Iterable[int], period_ids: Iterable[int]
) -> dict[tuple[int, int], Decimal]:
    """The register's capacity per (service, period) of those given, in one query."""
    rows = NetworkEntry.objects.filter(
        service_id__in=list(service_ids), period_id__in=list(period_ids)
    ).values_list("service_id", "period_id", "capacity")
    return {(service_id, period_id): capacity for service_id, period_id, capacity in rows}
