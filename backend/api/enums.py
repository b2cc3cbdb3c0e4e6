"""Choice lists the API documents as named enums (see SPECTACULAR_SETTINGS)."""

from backend.machines.plan_review.states import DECIDED_STATES, INCLUDED_STATES

DECISION_OUTCOMES = [(state.value, state.label) for state in DECIDED_STATES]
NETWORK_STATUSES = [(state.value, state.label) for state in INCLUDED_STATES]
