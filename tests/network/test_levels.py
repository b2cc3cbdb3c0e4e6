"""Network levels: a decision places the register entry at a level (included, with a
reservation Z1v/Z2v, planned, reserve); the register filters by it and keeps the services
published as not included out of its default view."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from backend.machines.plan_review.states import PlanState
from backend.network.choices import NetworkLevel
from backend.network.models import NetworkEntry
from tests import factories
from tests.helpers import reload
from workflows.plan_review.actions import plan_decide

pytestmark = pytest.mark.django_db

P = PlanState


def _decide(plan: Any, by: Any, outcome: str, **fields: Any) -> Any:
    return plan_decide(
        plan=plan, by=by, outcome=outcome, **{**factories.DECISION_DEFAULTS, **fields}
    )


@pytest.fixture
def plan(service: Any) -> Any:
    return factories.plan_in_state(P.AWAITING_DECISION, service=service)


@pytest.mark.parametrize(
    ("outcome", "level", "placed"),
    [
        (P.INCLUDED, "", NetworkLevel.INCLUDED),
        (P.INCLUDED, NetworkLevel.PLANNED, NetworkLevel.PLANNED),
        (P.INCLUDED, NetworkLevel.RESERVE, NetworkLevel.RESERVE),
        (P.INCLUDED_WITH_CONDITIONS, "", NetworkLevel.RESERVATION_Z1V),
        (P.INCLUDED_WITH_CONDITIONS, NetworkLevel.RESERVATION_Z2V, NetworkLevel.RESERVATION_Z2V),
    ],
)
def test_a_decision_places_the_entry_at_its_level(
    plan: Any, regional_officer: Any, outcome: str, level: str, placed: str
) -> None:
    decision = _decide(
        plan,
        regional_officer,
        outcome,
        level=level,
        conditions="Doložit personální zajištění.",
        remedy_due=dt.date(2027, 3, 31),
        resolution_number="258/17/ZK",
        resolution_date=dt.date(2017, 6, 27),
    )
    entry = NetworkEntry.objects.get(service=plan.service)
    assert (reload(decision).level, entry.level) == (placed, placed)
    assert (entry.resolution_number, entry.resolution_date) == ("258/17/ZK", dt.date(2017, 6, 27))
    # Only a reservation has a remedy date to follow.
    reserved = placed in (NetworkLevel.RESERVATION_Z1V, NetworkLevel.RESERVATION_Z2V)
    assert entry.remedy_due == (dt.date(2027, 3, 31) if reserved else None)


@pytest.mark.parametrize(
    ("outcome", "level"),
    [
        (P.INCLUDED, NetworkLevel.RESERVATION_Z1V),
        (P.INCLUDED_WITH_CONDITIONS, NetworkLevel.INCLUDED),
        (P.NOT_INCLUDED, NetworkLevel.PLANNED),
        (P.INCLUDED, NetworkLevel.NOT_INCLUDED),
    ],
)
def test_a_level_that_does_not_fit_the_outcome_is_refused(
    plan: Any, regional_officer: Any, outcome: str, level: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _decide(plan, regional_officer, outcome, level=level, conditions="Podmínka.")
    assert "level" in refused.value.message_dict
    assert reload(plan).state == P.AWAITING_DECISION
    assert not NetworkEntry.objects.exists()


def test_the_api_refuses_a_wrong_level_with_a_czech_message(
    plan: Any, regional_officer: Any, client_for: Any
) -> None:
    response = client_for(regional_officer).post(
        f"/api/v1/plans/{plan.pk}/decide/",
        {
            "outcome": "included",
            "level": "reservation_z2v",
            "body": "regional_council",
            "resolution_number": "402/17/ZK",
            "resolution_date": "2026-06-23",
        },
        HTTP_ACCEPT_LANGUAGE="cs",
    )
    assert response.status_code == 400, response.content
    assert "úrovní" in response.content.decode()
    assert reload(plan).state == P.AWAITING_DECISION


def test_the_register_filters_by_level_and_hides_the_not_included(client: Any) -> None:
    included = factories.NetworkEntryFactory(level=NetworkLevel.INCLUDED)
    planned = factories.NetworkEntryFactory(level=NetworkLevel.PLANNED)
    outside = factories.NetworkEntryFactory(level=NetworkLevel.NOT_INCLUDED)

    def listed(**query: str) -> set[str]:
        page = client.get(reverse("network:register"), query).content.decode()
        return {e.service.name for e in (included, planned, outside) if e.service.name in page}

    assert listed() == {included.service.name, planned.service.name}
    assert listed(level="planned") == {planned.service.name}
    assert listed(level="not_included") == {outside.service.name}
    api = client.get("/api/v1/register/", {"level": "planned"}).json()
    assert [row["id"] for row in api["results"]] == [planned.pk]
    assert api["results"][0]["level"] == "planned"


def test_a_plan_page_shows_where_its_current_capacity_comes_from(
    service: Any, client_as: Any
) -> None:
    plan = factories.plan_in_state(P.AWAITING_DECISION, service=service, capacity_current=3)
    factories.NetworkEntryFactory(
        service=service,
        period=plan.call.period,
        capacity=3,
        level=NetworkLevel.RESERVATION_Z2V,
        resolution_number="303/18/ZK",
        resolution_date=dt.date(2018, 9, 25),
    )
    page = client_as("regional_officer").get(reverse("plans:detail", args=[plan.pk]))
    assert (
        f"In the register for {plan.call.period}: 3 beds, included with a reservation (Z2v), "
        "resolution 303/18/ZK of 25 Sep 2018" in " ".join(page.content.decode().split())
    )
