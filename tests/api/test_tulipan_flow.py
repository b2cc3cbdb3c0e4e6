"""The whole TULIPAN case over the API, as docs/api.md walks it: the provider files and
submits the extension 3 → 15 beds, the City of Liberec drafts a supporting opinion and sends
it to its council, the council secretary records resolution 827/2017 of 29 Aug 2017, the
region includes the plan; the register shows 15 beds with the history."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.api.services import token_create
from backend.registry.models import SocialService

pytestmark = pytest.mark.django_db


def _as(user: Any) -> APIClient:
    """A client with a real personal token, as an external system would hold."""
    _token, key = token_create(user=user, name="flow")
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _ok(response: Any, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.json()
    return response.json()


def test_tulipan_over_the_api(
    open_call: Any,
    service: SocialService,
    provider_user: Any,
    municipal_officer: Any,
    council_secretary: Any,
    regional_officer: Any,
) -> None:
    tulipan, liberec, rada, kraj = map(
        _as, (provider_user, municipal_officer, council_secretary, regional_officer)
    )
    call = _ok(tulipan.get("/api/v1/calls/", {"state": "open"}))["results"][0]["id"]
    service_id = _ok(tulipan.get("/api/v1/services/"))["results"][0]["id"]
    plan = _ok(
        tulipan.post(
            "/api/v1/plans/",
            {
                "call": call,
                "service": service_id,
                "kind": "capacity_increase",
                "capacity_current": "3",
                "capacity_requested": "15",
                "orps": ["5105"],
                "justification": "Poptávka po chráněném bydlení převyšuje kapacitu.",
            },
        ),
        201,
    )
    plan_url = f"/api/v1/plans/{plan['id']}/"
    submitted = _ok(tulipan.post(f"{plan_url}submit/"))
    assert submitted["state"] == "awaiting_opinion"

    inbox = _ok(liberec.get("/api/v1/me/inbox/"))
    assert [task["plan"] for task in inbox["results"]] == [plan["id"]]
    opinion = _ok(liberec.get("/api/v1/opinions/", {"plan": plan["id"]}))["results"][0]
    opinion_url = f"/api/v1/opinions/{opinion['id']}/"
    drafted = _ok(liberec.post(f"{opinion_url}draft/", {"verdict": "supports"}))
    assert drafted["needs_council"] is True
    assert drafted["allowed_transitions"] == ["draft", "send-to-council"]
    _ok(liberec.post(f"{opinion_url}send-to-council/"))
    assert _ok(kraj.get(plan_url))["state"] == "awaiting_council"

    issued = _ok(
        rada.post(
            f"{opinion_url}record-resolution/",
            {"number": "827/2017", "meeting_date": "2017-08-29", "outcome": "approved"},
        )
    )
    assert (issued["state"], issued["resolution"]["number"]) == ("issued", "827/2017")

    seen = _ok(kraj.get(plan_url))
    assert seen["state"] == "awaiting_decision"
    assert "decide" in seen["allowed_transitions"]
    decided = _ok(
        kraj.post(
            f"{plan_url}decide/",
            {
                "version": seen["version"],
                "outcome": "included",
                "body": "regional_assembly",
                "resolution_number": "402/17/ZK",
                "resolution_date": "2017-09-26",
            },
        )
    )
    assert (decided["state"], decided["decision"]["resolution_number"]) == (
        "included",
        "402/17/ZK",
    )

    entries = _ok(APIClient().get("/api/v1/register/", {"ico": "26672472"}))["results"]
    assert [(e["capacity"], e["unit"]) for e in entries] == [("15.00", "beds")]
    history = _ok(APIClient().get(f"/api/v1/register/{entries[0]['id']}/"))["changes"]
    assert [c["plan"] for c in history] == [plan["id"]]
    log = _ok(tulipan.get(f"{plan_url}log/", {"kind": "state"}))
    assert [(e["subject"], e["transition"], e["by"]) for e in log] == [
        ("plan", "submit", "tulipan"),
        ("opinion", "draft", "liberec"),
        ("opinion", "send_to_council", "liberec"),
        ("plan", "route", "liberec"),
        ("opinion", "record_resolution", "liberec.rada"),
        ("plan", "route", "liberec.rada"),
        ("plan", "decide", "kraj"),
    ]
