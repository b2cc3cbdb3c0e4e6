"""Who a user is: roles from memberships, cached per user object."""

from typing import Any

import pytest

from backend.accounts.models import Membership, Role
from backend.accounts.rules import forget_roles, roles_of
from tests import factories

pytestmark = pytest.mark.django_db


def test_roles_by_organisation(
    provider_user: Any, municipal_officer: Any, council_secretary: Any, regional_officer: Any
) -> None:
    assert roles_of(provider_user).provider_ids == {provider_user.memberships.get().provider_id}
    liberec_id = municipal_officer.memberships.get().municipality_id
    assert roles_of(municipal_officer).officer_municipality_ids == {liberec_id}
    assert roles_of(municipal_officer).secretary_municipality_ids == frozenset()
    assert roles_of(council_secretary).secretary_municipality_ids == {liberec_id}
    assert roles_of(regional_officer).region_ids == {factories.region_liberec().pk}


def test_anonymous_inactive_and_none_have_no_roles(anonymous: Any, provider_user: Any) -> None:
    assert roles_of(anonymous) == roles_of(None) == roles_of(factories.UserFactory())
    assert not roles_of(anonymous).provider_ids
    provider_user.is_active = False
    forget_roles(provider_user)
    assert not roles_of(provider_user).provider_ids


def test_roles_are_cached_until_forgotten(provider_user: Any, other_provider: Any) -> None:
    first = roles_of(provider_user)
    Membership.objects.create(user=provider_user, role=Role.PROVIDER_USER, provider=other_provider)
    assert roles_of(provider_user) is first
    forget_roles(provider_user)
    assert other_provider.pk in roles_of(provider_user).provider_ids
