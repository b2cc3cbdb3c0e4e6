"""Who a user is: the role predicates every permission rule is built from.

The memberships are read once per user object and cached on it, so a page that checks many
objects asks the database once.
"""

from dataclasses import dataclass, field
from typing import Any

import rules

from backend.accounts.models import Role


@dataclass(frozen=True)
class Roles:
    provider_ids: frozenset[int] = field(default_factory=frozenset)
    officer_municipality_ids: frozenset[int] = field(default_factory=frozenset)
    secretary_municipality_ids: frozenset[int] = field(default_factory=frozenset)
    region_ids: frozenset[int] = field(default_factory=frozenset)


_CACHE_ATTR = "_zsss_roles"


def roles_of(user: Any) -> Roles:
    """The user's organisations by role (empty for anonymous or inactive users)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Roles()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    by_role: dict[str, set[int]] = {role: set() for role in Role.values}
    for role, provider_id, municipality_id, region_id in user.memberships.values_list(
        "role", "provider_id", "municipality_id", "region_id"
    ):
        by_role[role].add(provider_id or municipality_id or region_id)
    result = Roles(
        provider_ids=frozenset(by_role[Role.PROVIDER_USER]),
        officer_municipality_ids=frozenset(by_role[Role.MUNICIPAL_OFFICER]),
        secretary_municipality_ids=frozenset(by_role[Role.COUNCIL_SECRETARY]),
        region_ids=frozenset(by_role[Role.REGIONAL_OFFICER]),
    )
    setattr(user, _CACHE_ATTR, result)
    return result


def forget_roles(user: Any) -> None:
    """Drop the cached roles after memberships change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


@rules.predicate
def is_regional_officer(user: Any) -> bool:
    return bool(roles_of(user).region_ids)


@rules.predicate
def is_provider_user(user: Any) -> bool:
    return bool(roles_of(user).provider_ids)


@rules.predicate
def is_municipal_officer(user: Any) -> bool:
    return bool(roles_of(user).officer_municipality_ids)
