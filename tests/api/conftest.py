"""Fixtures of the API tests: a client per role and plans/opinions in every state that
matters, all of TULIPAN's sheltered housing in ORP Liberec (seat: the City of Liberec)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import caches
from rest_framework.test import APIClient

from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from backend.registry.models import SocialService
from tests import factories

ROLES = [
    "provider_user",
    "other_provider_user",
    "municipal_officer",
    "council_secretary",
    "tanvald_officer",
    "regional_officer",
    "stranger",
]


@pytest.fixture(autouse=True)
def _fresh_throttles() -> None:
    """Throttle counters live in the cache; each test starts with none."""
    caches["throttle"].clear()


@pytest.fixture
def api() -> APIClient:
    """An anonymous client (English; the API answers in Czech unless asked otherwise)."""
    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def client_for(db: None) -> Callable[[Any], APIClient]:
    """`client_for(user)`: a client authenticated as `user` (None: anonymous)."""

    def make(user: Any) -> APIClient:
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def as_role(request: pytest.FixtureRequest, client_for: Any) -> Callable[[str], APIClient]:
    """`as_role("municipal_officer")`: a client of the user of that fixture ("anonymous")."""

    def make(role: str) -> APIClient:
        return client_for(None if role == "anonymous" else request.getfixturevalue(role))

    return make


@pytest.fixture
def plan_in(service: SocialService, open_call: Any) -> Callable[..., DevelopmentPlan]:
    """`plan_in("awaiting_decision")`: TULIPAN's plan (ORP Liberec) in that state."""

    def make(state: str, **fields: Any) -> DevelopmentPlan:
        fields.setdefault("service", service)
        fields.setdefault("call", open_call)
        return factories.plan_in_state(state, **fields)

    return make


@pytest.fixture
def opinion_in(plan_in: Any, liberec: Any) -> Callable[..., MunicipalOpinion]:
    """`opinion_in("drafted")`: Liberec's opinion on TULIPAN's plan awaiting opinion."""

    def make(state: str, plan_state: str = "awaiting_opinion", **fields: Any) -> MunicipalOpinion:
        plan = plan_in(plan_state)
        return factories.opinion_in_state(state, plan=plan, municipality=liberec, **fields)

    return make


def errors_of(response: Any) -> dict[str, list[str]]:
    """The field errors of an error body (asserting its shape)."""
    body = response.json()
    assert set(body) == {"code", "detail", "errors"}, body
    return body["errors"]
