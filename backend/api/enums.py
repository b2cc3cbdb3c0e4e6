"""Choice lists the API documents as named enums (see SPECTACULAR_SETTINGS)."""

from backend.machines.plan_review.states import DECIDED_STATES, INCLUDED_STATES
from backend.network import choices as network_choices

DECISION_OUTCOMES = [(state.value, state.label) for state in DECIDED_STATES]
NETWORK_STATUSES = [(state.value, state.label) for state in INCLUDED_STATES]
DECISION_LEVELS = [(level.value, level.label) for level in network_choices.DECISION_LEVELS]
