"""Who hears of a call: each user's own choice, or the default (a provider's users the
types the provider runs, a municipal officer every type), against the call's service types
(none: every type)."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from backend.accounts.models import Role
from backend.announcements.selectors import call_subscriber_ids, subscription_effective
from backend.announcements.services import subscription_set
from backend.registry.models import Municipality, Orp, Region
from tests import factories

pytestmark = pytest.mark.django_db


def _types(*paragraphs: str) -> list[Any]:
    return [factories.service_type(p) for p in paragraphs]


def _call(*paragraphs: str) -> Any:
    call = factories.CallFactory()
    call.service_types.set(_types(*paragraphs))
    return call


def _officer_elsewhere() -> Any:
    region = Region.objects.create(code="CZ052", name="Královéhradecký kraj")
    orp = Orp.objects.create(region=region, code="5201", name="Hradec Králové")
    town = Municipality.objects.create(orp=orp, name="Hradec Králové")
    return factories.user_with_role(Role.MUNICIPAL_OFFICER, town, username="hradec")


def test_defaults_follow_the_role(service: Any, provider_user: Any, municipal_officer: Any) -> None:
    provider_default = subscription_effective(user=provider_user)
    assert not provider_default.chosen and not provider_default.all_types
    assert provider_default.type_ids == {factories.service_type("51").pk}
    assert subscription_effective(user=municipal_officer).all_types


def test_a_call_reaches_the_types_subscribed(
    service: Any,
    provider_user: Any,
    other_provider: Any,
    other_provider_user: Any,
    municipal_officer: Any,
    council_secretary: Any,
    regional_officer: Any,
) -> None:
    factories.SocialServiceFactory(
        provider=other_provider, service_type=factories.service_type("49")
    )
    elsewhere = _officer_elsewhere()
    sheltered = _call("51")
    assert call_subscriber_ids(call=sheltered) == sorted([provider_user.pk, municipal_officer.pk])
    seniors = _call("49")
    assert call_subscriber_ids(call=seniors) == sorted(
        [other_provider_user.pk, municipal_officer.pk]
    )
    every_type = _call()
    assert set(call_subscriber_ids(call=every_type)) == {
        provider_user.pk,
        other_provider_user.pk,
        municipal_officer.pk,
    }
    assert elsewhere.pk not in call_subscriber_ids(call=every_type)


def test_a_choice_replaces_the_default(
    service: Any, provider_user: Any, municipal_officer: Any
) -> None:
    subscription_set(
        user=provider_user, by=provider_user, all_types=False, service_types=_types("70")
    )
    subscription_set(
        user=municipal_officer, by=municipal_officer, all_types=False, service_types=[]
    )
    assert call_subscriber_ids(call=_call("51")) == []
    assert call_subscriber_ids(call=_call("70", "69")) == [provider_user.pk]
    assert call_subscriber_ids(call=_call()) == [provider_user.pk]  # the officer opted out
    subscription_set(user=provider_user, by=provider_user, all_types=True, service_types=[])
    assert call_subscriber_ids(call=_call("49")) == [provider_user.pk]
    assert subscription_effective(user=provider_user).chosen


def test_an_inactive_user_hears_nothing(service: Any, provider_user: Any) -> None:
    provider_user.is_active = False
    provider_user.save()
    assert call_subscriber_ids(call=_call("51")) == []


def test_only_the_user_and_only_the_subscribing_roles_choose(
    provider_user: Any, other_provider_user: Any, regional_officer: Any, council_secretary: Any
) -> None:
    with pytest.raises(PermissionDenied):
        subscription_set(
            user=provider_user, by=other_provider_user, all_types=True, service_types=[]
        )
    for user in (regional_officer, council_secretary):
        with pytest.raises(PermissionDenied):
            subscription_set(user=user, by=user, all_types=True, service_types=[])
