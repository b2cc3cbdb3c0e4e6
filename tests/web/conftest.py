"""Fixtures of the web tests: a test client per role and the objects the pages show.

The roles, in the order the tables of `test_access.py` list them:
the provider's user (TULIPAN), another provider's user (Romodrom), the municipal officer and
the council secretary of Liberec (ORP 5105, where the plans are), the regional officer and an
anonymous visitor.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from backend.calls.models import Call
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from backend.registry.models import SocialService
from tests import factories

ROLES = (
    "provider_user",
    "other_provider_user",
    "municipal_officer",
    "council_secretary",
    "regional_officer",
    "anonymous",
)


@pytest.fixture
def client_as(request: pytest.FixtureRequest) -> Callable[[str], Client]:
    """`client_as("regional_officer")`: a fresh client logged in as the user of that role
    (a fixture name of tests/conftest.py); "anonymous" stays logged out."""

    def make(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return make


@pytest.fixture
def make_plan(service: SocialService, open_call: Call) -> Callable[..., DevelopmentPlan]:
    """`make_plan("returned")`: the provider's 3 → 15 beds plan in ORP Liberec, in the open
    call, created directly in that state."""

    def make(state: str = "draft", **fields: Any) -> DevelopmentPlan:
        fields.setdefault("service", service)
        fields.setdefault("call", open_call)
        return factories.plan_in_state(state, **fields)

    return make


# The state a plan is in while its opinion is in the given state.
PLAN_STATE_OF_OPINION = {
    "requested": "awaiting_opinion",
    "drafted": "awaiting_opinion",
    "awaiting_council": "awaiting_council",
    "issued": "awaiting_decision",
}


@pytest.fixture
def make_opinion(
    make_plan: Callable[..., DevelopmentPlan],
) -> Callable[..., MunicipalOpinion]:
    """`make_opinion("drafted")`: the City of Liberec's opinion on the provider's plan."""

    def make(state: str = "requested", **fields: Any) -> MunicipalOpinion:
        plan = make_plan(PLAN_STATE_OF_OPINION[state])
        return factories.opinion_in_state(state, plan=plan, **fields)

    return make


@pytest.fixture
def plan_form(open_call: Call, service: SocialService, liberec_orp: Any) -> dict[str, Any]:
    """A complete new plan as the provider fills it in: 3 → 15 beds in ORP Liberec."""
    return {
        "call": open_call.pk,
        "service": service.pk,
        "kind": "capacity_increase",
        "capacity_current": "3",
        "capacity_requested": "15",
        "orps": [liberec_orp.pk],
        "justification": "Poptávka po chráněném bydlení převyšuje kapacitu.",
        "amount_requested": "1250000",
        "planned_start": "2018-01-01",
    }
