"""Who may edit and preview a call's letters: the officers of the call's region."""

from typing import Any

import rules

from backend.accounts.rules import roles_of


@rules.predicate
def is_call_regional_officer(user: Any, call: Any) -> bool:
    return call is not None and call.region_id in roles_of(user).region_ids
