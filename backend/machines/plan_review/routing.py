"""Where a plan goes after submission and after each opinion: the routing rules."""

from typing import Any

from backend.machines.opinion_review.states import OpinionState
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState


def needs_opinions(plan: Any) -> bool:
    """A capacity decrease needs municipal opinions only where the call says so."""
    return plan.kind != PlanKind.CAPACITY_DECREASE or plan.call.decrease_needs_opinion


def next_review_state(plan: Any, *args: Any, **kwargs: Any) -> str:
    """Awaiting opinion while any opinion is open; then council; then the decision."""
    states = set(plan.opinions.order_by().values_list("state", flat=True))
    if states & {OpinionState.REQUESTED, OpinionState.DRAFTED}:
        return PlanState.AWAITING_OPINION
    if OpinionState.AWAITING_COUNCIL in states:
        return PlanState.AWAITING_COUNCIL
    return PlanState.AWAITING_DECISION
