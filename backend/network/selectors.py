"""Reads of the published network register (public)."""

from django.db.models import QuerySet

from backend.network.models import NetworkEntry


def entry_list_public() -> QuerySet[NetworkEntry]:
    return NetworkEntry.objects.select_related(
        "service__provider", "service__service_type", "period"
    ).prefetch_related("orps")


def entry_get_public(*, entry_id: int) -> NetworkEntry:
    return entry_list_public().prefetch_related("changes").get(pk=entry_id)
