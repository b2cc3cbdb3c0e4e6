"""Reads of the published network register (public)."""

from typing import Protocol

from django.db.models import QuerySet

from backend.calls.models import NetworkPeriod
from backend.network.models import NetworkEntry
from backend.registry.models import Orp, ServiceType


def entry_list_public() -> QuerySet[NetworkEntry]:
    return NetworkEntry.objects.select_related(
        "service__provider", "service__service_type", "period"
    ).prefetch_related("orps")


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
