"""Who may choose call subscriptions and who manages a call's documents."""

from typing import Any

import rules

from backend.accounts.rules import roles_of


@rules.predicate
def may_subscribe_to_calls(user: Any) -> bool:
    """Providers' users and municipal officers hear of calls; the regional office announces
    them and council secretaries act only on resolutions."""
    roles = roles_of(user)
    return bool(roles.provider_ids or roles.officer_municipality_ids)


rules.add_perm("announcements.manage_subscription", may_subscribe_to_calls)
