"""Every plan transition × role over the API: allowed (200), forbidden by the rules (403),
outside the caller's scope (404), anonymous (401), and a state that does not allow it (409).
The detail lists exactly the transitions the caller may run."""

import datetime as dt
from typing import Any

import pytest

from tests import factories
from tests.helpers import reload

pytestmark = pytest.mark.django_db

DECIDE = {
    "outcome": "included",
    "body": "regional_council",
    "resolution_number": "258/17/ZK",
    "resolution_date": "2026-06-23",
}
INPUT = {
    "submit": {},
    "withdraw": {"comment": "Záměr odložen."},
    "return-for-completion": {"reason": "Doložte rozpočet."},
    "resubmit": {},
    "decide": DECIDE,
}
# action, the plan's state, role → status. A draft is seen only by its provider and the region.
MATRIX = [
    ("submit", "draft", "provider_user", 200),
    ("submit", "draft", "other_provider_user", 404),
    ("submit", "draft", "municipal_officer", 404),
    ("submit", "draft", "regional_officer", 403),
    ("submit", "draft", "stranger", 404),
    ("submit", "draft", "anonymous", 401),
    ("submit", "awaiting_decision", "provider_user", 409),
    ("withdraw", "awaiting_opinion", "provider_user", 200),
    ("withdraw", "awaiting_opinion", "other_provider_user", 404),
    ("withdraw", "awaiting_opinion", "municipal_officer", 403),
    ("withdraw", "awaiting_opinion", "council_secretary", 403),
    ("withdraw", "awaiting_opinion", "tanvald_officer", 404),
    ("withdraw", "awaiting_opinion", "regional_officer", 403),
    ("withdraw", "included", "provider_user", 409),
    ("return-for-completion", "awaiting_decision", "regional_officer", 200),
    ("return-for-completion", "awaiting_decision", "provider_user", 403),
    ("return-for-completion", "awaiting_decision", "municipal_officer", 403),
    ("return-for-completion", "awaiting_decision", "other_provider_user", 404),
    ("return-for-completion", "draft", "regional_officer", 409),
    ("resubmit", "returned", "provider_user", 200),
    ("resubmit", "returned", "regional_officer", 403),
    ("resubmit", "returned", "other_provider_user", 404),
    ("resubmit", "awaiting_opinion", "provider_user", 409),
    ("decide", "awaiting_decision", "regional_officer", 200),
    ("decide", "awaiting_decision", "provider_user", 403),
    ("decide", "awaiting_decision", "municipal_officer", 403),
    ("decide", "awaiting_decision", "council_secretary", 403),
    ("decide", "awaiting_decision", "tanvald_officer", 404),
    ("decide", "awaiting_decision", "stranger", 404),
    ("decide", "awaiting_decision", "anonymous", 401),
    ("decide", "awaiting_opinion", "regional_officer", 409),
]


@pytest.mark.parametrize(("action", "state", "role", "status"), MATRIX)
def test_plan_transition_matrix(
    action: str, state: str, role: str, status: int, plan_in: Any, as_role: Any
) -> None:
    plan = plan_in(state)
    response = as_role(role).post(f"/api/v1/plans/{plan.pk}/{action}/", INPUT[action])
    assert response.status_code == status, response.json()
    body = response.json()
    if status == 200:
        assert reload(plan).state != state
        assert body["state"] == reload(plan).state
        assert body["version"] == reload(plan).version
    else:
        assert set(body) == {"code", "detail", "errors"}
        assert reload(plan).state == state
        expected = {401: "not_authenticated", 403: "forbidden", 404: "not_found", 409: "conflict"}
        assert body["code"] == expected[status]
    if status == 409:
        assert body["errors"]["non_field_errors"] == [body["detail"]]


@pytest.mark.parametrize(
    ("state", "role", "allowed"),
    [
        ("draft", "provider_user", ["submit", "withdraw"]),
        ("draft", "regional_officer", []),
        ("awaiting_decision", "regional_officer", ["return-for-completion", "decide"]),
        ("awaiting_decision", "provider_user", ["withdraw"]),
        ("awaiting_opinion", "municipal_officer", []),
        ("returned", "provider_user", ["resubmit", "withdraw"]),
    ],
)
def test_detail_lists_the_callers_allowed_transitions(
    state: str, role: str, allowed: list[str], plan_in: Any, as_role: Any
) -> None:
    plan = plan_in(state)
    response = as_role(role).get(f"/api/v1/plans/{plan.pk}/")
    assert response.status_code == 200
    assert sorted(response.json()["allowed_transitions"]) == sorted(allowed)


def test_decide_writes_the_register_and_shows_the_decision(
    plan_in: Any, client_for: Any, regional_officer: Any
) -> None:
    plan = plan_in("awaiting_decision")
    response = client_for(regional_officer).post(
        f"/api/v1/plans/{plan.pk}/decide/",
        {**DECIDE, "outcome": "included_with_conditions", "conditions": "Doložit registraci."},
    )
    assert response.status_code == 200
    assert response.json()["decision"]["conditions"] == "Doložit registraci."
    entry = client_for(None).get("/api/v1/register/", {"provider": plan.provider_id}).json()
    assert entry["results"][0]["capacity"] == "15.00"
    assert entry["results"][0]["status"] == "included_with_conditions"


def test_decide_with_conditions_but_none_given_is_a_field_error(
    plan_in: Any, client_for: Any, regional_officer: Any
) -> None:
    plan = plan_in("awaiting_decision")
    response = client_for(regional_officer).post(
        f"/api/v1/plans/{plan.pk}/decide/", {**DECIDE, "outcome": "included_with_conditions"}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "conditions" in response.json()["errors"]


def test_return_for_completion_with_a_past_due_date_is_a_field_error(
    plan_in: Any, client_for: Any, regional_officer: Any
) -> None:
    plan = plan_in("awaiting_decision")
    response = client_for(regional_officer).post(
        f"/api/v1/plans/{plan.pk}/return-for-completion/",
        {"reason": "Doložte rozpočet.", "due": str(dt.date(2020, 1, 1))},
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["due"]


def test_submitting_an_incomplete_plan_says_what_is_missing(
    plan_in: Any, client_for: Any, provider_user: Any
) -> None:
    plan = plan_in("draft", justification="")
    response = client_for(provider_user).post(f"/api/v1/plans/{plan.pk}/submit/")
    assert response.status_code == 409
    assert "justification" in response.json()["detail"]


def test_submit_requests_the_opinion_of_the_orp_seat(
    plan_in: Any, client_for: Any, provider_user: Any, liberec: Any
) -> None:
    plan = plan_in("draft")
    body = client_for(provider_user).post(f"/api/v1/plans/{plan.pk}/submit/").json()
    assert body["state"] == "awaiting_opinion"
    assert [o["municipality_name"] for o in body["opinions"]] == [liberec.name]
    assert factories  # the plan was created by the factory, submitted over the API
