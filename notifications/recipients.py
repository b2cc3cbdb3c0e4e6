"""Who is told: the active members of an organisation in a role, looked up in bulk."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Model

from backend.accounts.models import Membership, Role

_ORGANISATION: dict[str, str] = {
    Role.PROVIDER_USER: "provider_id",
    Role.MUNICIPAL_OFFICER: "municipality_id",
    Role.COUNCIL_SECRETARY: "municipality_id",
    Role.REGIONAL_OFFICER: "region_id",
}


def members_by_organisation(*, role: str, organisation_ids: Iterable[int]) -> dict[int, list[int]]:
    """{organisation id: [user ids]} of the active users holding `role` there (one query)."""
    ids = set(organisation_ids)
    if not ids:
        return {}
    column = _ORGANISATION[role]
    found: dict[int, list[int]] = defaultdict(list)
    rows = Membership.objects.filter(
        role=role, user__is_active=True, **{f"{column}__in": ids}
    ).values_list(column, "user_id")
    for organisation_id, user_id in rows.order_by("user_id"):
        found[organisation_id].append(user_id)
    return found


_cache: ContextVar[dict[tuple[str, int], list[int]] | None] = ContextVar(
    "notifications_members", default=None
)


@contextmanager
def members_cached() -> Iterator[None]:
    """Within the block (one batch of the outbox drain) each organisation's members are
    looked up once."""
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


def members(*, role: str, organisation_id: int | None) -> list[int]:
    """User ids of the active users holding `role` in one organisation."""
    if organisation_id is None:
        return []
    cache, key = _cache.get(), (role, organisation_id)
    if cache is not None and key in cache:
        return list(cache[key])
    found = members_by_organisation(role=role, organisation_ids=[organisation_id]).get(
        organisation_id, []
    )
    if cache is not None:
        cache[key] = list(found)
    return found


def case_owners(model: type[Model], ids: Iterable[int]) -> dict[int, list[int]]:
    """{case id: [its assignee]} of the cases (plans or opinions) with an active assignee:
    a case's notices go to its owner first, to the whole office only when nobody owns it."""
    rows = model._default_manager.filter(pk__in=set(ids), assignee__is_active=True)
    return {pk: [owner] for pk, owner in rows.values_list("pk", "assignee_id")}


def owner_or(case: Model, everyone: list[int]) -> list[int]:
    """The case's active assignee, or `everyone` when nobody (active) owns it."""
    return case_owners(type(case), [case.pk]).get(case.pk) or everyone
