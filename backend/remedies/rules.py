"""Who may do what in a reservation's follow-up: the provider of the service sends
statements, the regional officers of the entry's region (by its ORPs) decide on the remedy;
both see the statements. Everyone else sees only the public register."""

from typing import Any

from backend.accounts.rules import roles_of
from backend.network.models import NetworkEntry


def entry_region_ids(entry: NetworkEntry) -> set[int]:
    """The regions whose network the entry is in (through its ORPs)."""
    return set(entry.orps.values_list("region_id", flat=True))


def may_send_statement(user: Any, entry: NetworkEntry) -> bool:
    return entry.service.provider_id in roles_of(user).provider_ids


def may_decide_remedy(user: Any, entry: NetworkEntry) -> bool:
    return bool(roles_of(user).region_ids & entry_region_ids(entry))


def may_follow_up(user: Any, entry: NetworkEntry) -> bool:
    """Whether the user sees the follow-up (statements, their documents, the findings)."""
    return may_send_statement(user, entry) or may_decide_remedy(user, entry)
