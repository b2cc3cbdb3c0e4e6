"""Reads of subscriptions and of a call's published face (its deadlines and documents)."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from backend.accounts.models import Membership, Role
from backend.accounts.rules import roles_of
from backend.announcements.models import CallDocument, CallSubscription
from backend.calls.models import Call
from backend.registry.models import ServiceType, SocialService


@dataclass(frozen=True)
class Subscription:
    """What a user hears of: every type, or the types listed; `chosen` is False while the
    user lives with the default."""

    all_types: bool
    type_ids: frozenset[int]
    chosen: bool

    def covers(self, call_type_ids: frozenset[int]) -> bool:
        """Whether a call for `call_type_ids` (empty: every type) concerns the user."""
        if self.all_types:
            return True
        if not call_type_ids:
            return bool(self.type_ids)
        return bool(self.type_ids & call_type_ids)


def _provider_type_ids(provider_ids: set[int]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    rows = SocialService.objects.filter(provider_id__in=provider_ids)
    for provider_id, type_id in rows.values_list("provider_id", "service_type_id"):
        found[provider_id].add(type_id)
    return found


def subscription_default(*, user: Any) -> Subscription:
    """The default of a user who has not chosen: a municipal officer hears of every call,
    a provider's user of calls for the types the provider runs (its services)."""
    roles = roles_of(user)
    if roles.officer_municipality_ids:
        return Subscription(all_types=True, type_ids=frozenset(), chosen=False)
    by_provider = _provider_type_ids(set(roles.provider_ids))
    type_ids = frozenset(t for types in by_provider.values() for t in types)
    return Subscription(all_types=False, type_ids=type_ids, chosen=False)


def _chosen(row: CallSubscription) -> Subscription:
    type_ids = frozenset(t.pk for t in row.service_types.all())
    return Subscription(all_types=row.all_types, type_ids=type_ids, chosen=True)


def subscription_effective(*, user: Any) -> Subscription:
    """The user's own choice, or the default while there is none."""
    row = CallSubscription.objects.filter(user_id=user.pk).prefetch_related("service_types")
    found = row.first()
    return _chosen(found) if found is not None else subscription_default(user=user)


def service_type_list() -> QuerySet[ServiceType]:
    """Every service type (§), in the order of the Act."""
    return ServiceType.objects.all()


def call_subscriber_ids(*, call: Call) -> list[int]:
    """The active users a call concerns: providers' users (of any region: a provider may
    apply in any region) and the municipal officers of the call's region whose subscription
    (chosen, or the default) covers one of the call's service types (a call without types
    is for every type)."""
    call_types = frozenset(call.service_types.values_list("pk", flat=True))
    memberships = Membership.objects.filter(
        user__is_active=True, role__in=[Role.PROVIDER_USER, Role.MUNICIPAL_OFFICER]
    ).values_list("user_id", "role", "provider_id", "municipality__orp__region_id")
    providers_of: dict[int, set[int]] = defaultdict(set)
    officers: set[int] = set()
    for user_id, role, provider_id, region_id in memberships:
        if role == Role.PROVIDER_USER:
            providers_of[user_id].add(provider_id)
        elif region_id == call.region_id:
            officers.add(user_id)
    candidates = set(providers_of) | officers
    chosen = {
        row.user_id: _chosen(row)
        for row in CallSubscription.objects.filter(user_id__in=candidates).prefetch_related(
            "service_types"
        )
    }
    types_of = _provider_type_ids({p for ps in providers_of.values() for p in ps})
    found = []
    for user_id in sorted(candidates):
        subscription = chosen.get(user_id)
        if subscription is None:
            if user_id in officers:
                subscription = Subscription(all_types=True, type_ids=frozenset(), chosen=False)
            else:
                types = frozenset(t for p in providers_of[user_id] for t in types_of.get(p, ()))
                subscription = Subscription(all_types=False, type_ids=types, chosen=False)
        if subscription.covers(call_types):
            found.append(user_id)
    return found


def call_list_public() -> QuerySet[Call]:
    """Calls are public announcements: every call of every region, newest first."""
    return Call.objects.select_related("period", "region").prefetch_related("service_types")


def call_get_public(*, call_id: int) -> Call:
    """One call as the public sees it (raises Call.DoesNotExist)."""
    return call_list_public().get(pk=call_id)


def call_document_list(*, call: Call) -> QuerySet[CallDocument]:
    """The call's published documents, oldest first."""
    return call.documents.all()


def call_document_get_public(*, call_id: int, document_id: int) -> CallDocument:
    """One published document of a call (raises CallDocument.DoesNotExist)."""
    return CallDocument.objects.select_related("call").get(pk=document_id, call_id=call_id)
