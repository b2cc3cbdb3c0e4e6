"""Who configures a call: the regional officers of its region, the same rule that manages
the call itself (`calls.manage_call`)."""

import rules

from backend.calls.rules import is_call_regional_officer

rules.add_perm("callsetup.configure_call", is_call_regional_officer)
