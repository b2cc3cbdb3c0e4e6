import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from backend.machines.plan_review.states import PlanState
from backend.plans.choices import DecidingBody
from tests import factories
from workflows.plan_review.actions import plan_decide


@pytest.fixture
def decide(regional_officer: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """Decide a plan awaiting decision (its letter is rendered once the decision commits)."""

    def run(plan: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            plan_decide(
                plan=plan,
                by=regional_officer,
                outcome=PlanState.INCLUDED,
                body=DecidingBody.REGIONAL_ASSEMBLY,
                resolution_number="402/17/ZK",
                resolution_date=dt.date(2017, 9, 26),
                approved_capacity=Decimal(15),
            )
        return plan

    return run


@pytest.fixture
def waiting_plan(open_call: Any, liberec_orp: Any) -> Any:
    """A plan of the open call (in the Liberec Region) awaiting the decision."""
    return factories.plan_in_state("awaiting_decision", call=open_call, orps=[liberec_orp])
