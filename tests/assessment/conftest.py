"""A call with two criteria (need proven in a community plan: weight 2, 0–5; cost per
unit against the reference value: weight 1, 0–10), a plan of TULIPAN awaiting the decision
in it, and a second regional officer of the Liberec Region."""

from decimal import Decimal
from typing import Any

import pytest

from backend.accounts.models import Role
from backend.assessment.models import Criterion
from backend.assessment.services import assessment_submit
from tests import factories


@pytest.fixture
def call(open_call: Any) -> Any:
    return open_call


@pytest.fixture
def need(call: Any) -> Criterion:
    return Criterion.objects.create(
        call=call, name="Potřebnost v komunitním plánu", weight=Decimal(2), max_points=5, order=1
    )


@pytest.fixture
def cost(call: Any) -> Criterion:
    return Criterion.objects.create(
        call=call, name="Náklady na jednotku", weight=Decimal(1), max_points=10, order=2
    )


@pytest.fixture
def criteria(need: Criterion, cost: Criterion) -> list[Criterion]:
    return [need, cost]


@pytest.fixture
def plan(call: Any, service: Any, criteria: list[Criterion]) -> Any:
    return factories.plan_in_state(
        "awaiting_decision", call=call, service=service, amount_requested=Decimal(1_200_000)
    )


@pytest.fixture
def second_officer(region: Any) -> Any:
    return factories.user_with_role(
        Role.REGIONAL_OFFICER, region, username="kraj2", first_name="Martin", last_name="Beneš"
    )


def score(
    plan: Any, by: Any, need: Criterion, cost: Criterion, need_points: int, cost_points: int
) -> Any:
    """Submit `by`'s assessment: need and cost points, each with a reason."""
    return assessment_submit(
        plan=plan,
        by=by,
        scores={
            need.pk: (need_points, "Potřeba doložena komunitním plánem."),
            cost.pk: (cost_points, "Náklady odpovídají referenční hodnotě."),
        },
    )
