"""The rule for when a municipality's opinion needs its council's resolution."""

from decimal import Decimal
from typing import Any

from backend.machines.opinion_review.states import SUPPORTING_VERDICTS
from backend.machines.plan_review.kinds import PlanKind


def council_required(*, plan: Any, verdict: str, cofinancing_amount: Decimal | None) -> bool:
    """Supporting a capacity increase or committing co-financing commits the municipality,
    which its council must approve — where the call requires it. Supporting the inclusion of
    a service at its existing capacity does not (as in the 2017 Liberec case)."""
    if not plan.call.council_for_commitments or verdict not in SUPPORTING_VERDICTS:
        return False
    increases = plan.kind in (PlanKind.CAPACITY_INCREASE,) and (
        plan.capacity_requested > plan.capacity_current
    )
    return increases or bool(cofinancing_amount and cofinancing_amount > 0)
