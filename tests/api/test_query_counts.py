"""Every list endpoint runs the same number of SQL queries for a page of 10 and of 100:
related rows are joined or prefetched, never fetched per item."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.api.services import token_create
from backend.registry.models import TargetGroup
from tests import factories

pytestmark = pytest.mark.django_db
MANY = 12


def _queries(client: Any, url: str, page_size: int) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, {"page_size": page_size})
    assert response.status_code == 200, response.json()
    return len(captured), len(response.json()["results"])


def _plans(plan_in: Any, **_: Any) -> None:
    for state in ["draft", "awaiting_opinion", "returned", "included"] * 4:
        plan = plan_in(state)
        plan.municipalities.set([factories.municipality("Liberec")])


def _decisions(plan_in: Any, **_: Any) -> None:
    """Plans waiting for the region's decision: the regional officer's inbox tasks."""
    for _index in range(MANY):
        plan_in("awaiting_decision")


def _opinions(opinion_in: Any, **_: Any) -> None:
    for index in range(MANY):
        opinion_in("awaiting_council" if index % 2 else "requested")


def _resolutions(liberec: Any, **_: Any) -> None:
    for _index in range(MANY):
        factories.CouncilResolutionFactory(municipality=liberec)


def _calls(**_: Any) -> None:
    for _index in range(MANY):
        factories.CallFactory()


def _providers_and_services(**_: Any) -> None:
    groups = list(TargetGroup.objects.all()[:2])
    for _index in range(MANY):
        service = factories.SocialServiceFactory()
        service.target_groups.set(groups)


def _register(**_: Any) -> None:
    for _index in range(MANY):
        factories.NetworkEntryFactory()


def _periods(**_: Any) -> None:
    for year in range(2030, 2030 + 3 * MANY, 3):
        factories.NetworkPeriodFactory(start_year=year, end_year=year + 2)


def _target_groups(**_: Any) -> None:
    for index in range(MANY):
        TargetGroup.objects.create(code=f"T{index}", name=f"Skupina {index}")


def _nothing(**_: Any) -> None:
    """The reference data of the migrations is enough (19 municipalities, 46 cards, …)."""


CASES: list[tuple[str, str, Callable[..., None]]] = [
    ("/api/v1/plans/", "regional_officer", _plans),
    ("/api/v1/plans/", "municipal_officer", _plans),
    ("/api/v1/me/inbox/", "regional_officer", _decisions),
    ("/api/v1/opinions/", "municipal_officer", _opinions),
    ("/api/v1/resolutions/", "council_secretary", _resolutions),
    ("/api/v1/calls/", "provider_user", _calls),
    ("/api/v1/providers/", "regional_officer", _providers_and_services),
    ("/api/v1/services/", "regional_officer", _providers_and_services),
    ("/api/v1/register/", "anonymous", _register),
    ("/api/v1/periods/", "anonymous", _periods),
    ("/api/v1/target-groups/", "anonymous", _target_groups),
    ("/api/v1/service-types/", "anonymous", _nothing),
    ("/api/v1/municipalities/", "anonymous", _nothing),
    ("/api/v1/activity-cards/", "anonymous", _nothing),
    ("/api/v1/orps/", "anonymous", _nothing),
]


@pytest.mark.parametrize(("url", "role", "make"), CASES)
def test_list_queries_do_not_grow_with_the_page(
    url: str, role: str, make: Callable[..., None], as_role: Any, request: Any
) -> None:
    arguments = {
        name: request.getfixturevalue(name)
        for name in make.__code__.co_varnames[: make.__code__.co_argcount]
    }
    make(**arguments)
    client = as_role(role)
    client.get(url, {"page_size": 1})  # the caller's roles are read once per user object
    small, small_rows = _queries(client, url, 10)
    large, large_rows = _queries(client, url, 100)
    assert large_rows > small_rows or url == "/api/v1/orps/", (small_rows, large_rows)
    assert small == large, f"{url}: {small} queries for 10 rows, {large} for {large_rows}"


def test_token_list_queries_do_not_grow(client_for: Any, provider_user: Any) -> None:
    client = client_for(provider_user)
    token_create(user=provider_user, name="one")
    client.get("/api/v1/auth/tokens/")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/auth/tokens/")
    for index in range(MANY):
        token_create(user=provider_user, name=f"t{index}")
    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/api/v1/auth/tokens/").json()) == MANY + 1
    assert len(few) == len(many)
