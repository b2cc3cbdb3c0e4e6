"""Calls over the API: every signed-in user reads them, the region's officers manage them."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from django_fsm_log.models import StateLog

from tests import factories

pytestmark = pytest.mark.django_db


def _new_call(period: Any) -> dict[str, Any]:
    now = timezone.now()
    return {
        "name": "Výzva 2027",
        "period": period.pk,
        "opens_at": (now + dt.timedelta(days=10)).isoformat(),
        "closes_at": (now + dt.timedelta(days=20)).isoformat(),
        "opinion_deadline_days": 15,
    }


@pytest.mark.parametrize(
    ("role", "list_status"),
    [
        ("provider_user", 200),
        ("municipal_officer", 200),
        ("regional_officer", 200),
        ("anonymous", 401),
    ],
)
def test_calls_are_read_by_every_signed_in_user(
    role: str, list_status: int, open_call: Any, as_role: Any
) -> None:
    response = as_role(role).get("/api/v1/calls/")
    assert response.status_code == list_status
    if list_status == 200:
        assert [c["id"] for c in response.json()["results"]] == [open_call.pk]
        detail = as_role(role).get(f"/api/v1/calls/{open_call.pk}/").json()
        assert detail["state"] == "open"
        assert detail["opinion_deadline"]  # resolved from the working days


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("regional_officer", 201),
        ("provider_user", 403),
        ("municipal_officer", 403),
        ("anonymous", 401),
    ],
)
def test_only_the_region_announces_calls(role: str, status: int, as_role: Any, region: Any) -> None:
    period = factories.NetworkPeriodFactory()
    response = as_role(role).post("/api/v1/calls/", _new_call(period))
    assert response.status_code == status
    if status == 201:
        assert response.json()["state"] == "planned"
        assert sorted(response.json()["allowed_transitions"]) == ["close", "open"]


def test_a_call_must_close_after_it_opens(client_for: Any, regional_officer: Any) -> None:
    period = factories.NetworkPeriodFactory()
    data = {**_new_call(period), "closes_at": timezone.now().isoformat()}
    response = client_for(regional_officer).post("/api/v1/calls/", data)
    assert response.status_code == 400
    assert "closes_at" in response.json()["errors"]


def test_deadlines_change_only_before_opening(
    open_call: Any, client_for: Any, regional_officer: Any, provider_user: Any
) -> None:
    planned = factories.CallFactory()
    client = client_for(regional_officer)
    ok = client.patch(f"/api/v1/calls/{planned.pk}/", {"completion_days": 5})
    assert (ok.status_code, ok.json()["completion_days"]) == (200, 5)
    assert client.patch(f"/api/v1/calls/{open_call.pk}/", {"completion_days": 5}).status_code == 409
    assert client_for(provider_user).patch(f"/api/v1/calls/{planned.pk}/", {}).status_code == 403


@pytest.mark.parametrize(
    ("action", "role", "status", "state_after"),
    [
        ("close", "regional_officer", 200, "closed"),
        ("close", "provider_user", 403, "open"),
        ("open", "regional_officer", 409, "open"),  # already open
        ("finish", "regional_officer", 409, "open"),  # not closed yet
    ],
)
def test_call_transitions(
    action: str, role: str, status: int, state_after: str, open_call: Any, as_role: Any
) -> None:
    before = StateLog.objects.for_(open_call).count()
    response = as_role(role).post(f"/api/v1/calls/{open_call.pk}/{action}/", {})
    assert response.status_code == status
    open_call.refresh_from_db()
    assert open_call.state == state_after
    # A refused transition leaves no log line; an accepted one leaves exactly one.
    assert StateLog.objects.for_(open_call).count() == before + (status == 200)
    if status == 200:
        assert response.json()["state"] == state_after


def test_another_regions_officer_reads_but_may_not_manage(open_call: Any, client_for: Any) -> None:
    from backend.registry.models import Region

    elsewhere = Region.objects.create(code="CZ052", name="Královéhradecký kraj")
    officer = factories.user_with_role("regional_officer", elsewhere, username="hk")
    assert client_for(officer).get(f"/api/v1/calls/{open_call.pk}/").status_code == 200
    # Outside the officer's region: answered as missing, as the calls pages do.
    assert client_for(officer).post(f"/api/v1/calls/{open_call.pk}/close/").status_code == 404
