"""Reads of the published network register (public)."""

from collections.abc import Collection
from typing import Protocol

from django.db.models import QuerySet

from backend.calls.models import NetworkPeriod
from backend.network.models import NetworkEntry
from backend.registry.models import Orp, ServiceType


def entry_list_public() -> QuerySet[NetworkEntry]:
    return NetworkEntry.objects.select_related(
        "service__provider", "service__service_type", "period"
    ).prefetch_related("orps")


def entry_list_public_rows() -> QuerySet[NetworkEntry]:
    """The register's entries to read as `values()` rows (no related instances)."""
    return NetworkEntry.objects.all()


def entry_orp_codes(entry_ids: Collection[int]) -> dict[int, list[str]]:
    """Each entry's ORP codes in code order, as the entry's `orps` lists them, by entry id
    (one query for a page of entries)."""
    codes: dict[int, list[str]] = {pk: [] for pk in entry_ids}
    links = (
        NetworkEntry.orps.through._default_manager.filter(networkentry_id__in=entry_ids)
        .order_by("orp__code")
        .values_list("networkentry_id", "orp__code")
    )
    for entry_id, code in links:
        codes[entry_id].append(code)
    return codes


# What the context reads of a plan (`backend.plans.models.DevelopmentPlan`, a layer above).
class _PlanCall(Protocol):
    @property
    def period(self) -> NetworkPeriod: ...


class _PlanService(Protocol):
    @property
    def service_type(self) -> ServiceType: ...


class _PlanOrps(Protocol):
    def all(self) -> QuerySet[Orp]: ...


class PlanInNetwork(Protocol):
    @property
    def call(self) -> _PlanCall: ...
    @property
    def service(self) -> _PlanService: ...
    @property
    def orps(self) -> _PlanOrps: ...


def entry_list_context(*, plan: PlanInNetwork) -> QuerySet[NetworkEntry]:
    """Services of the plan's § type already in the network in the ORPs the plan touches,
    for the plan's period: what a municipality weighs the request against."""
    # A semi-join on the entries' ORPs, so no entry repeats: a join made it `DISTINCT`
    # over every column read (issue 23).
    orp_ids = [orp.pk for orp in plan.orps.all()]
    in_territory = NetworkEntry.orps.through.objects.filter(orp_id__in=orp_ids)
    return entry_list_public().filter(
        period=plan.call.period,
        service__service_type=plan.service.service_type,
        pk__in=in_territory.values("networkentry_id"),
    )
