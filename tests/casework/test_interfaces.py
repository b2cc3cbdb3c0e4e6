"""Casework through the pages and the API: the owner filters, the owner box, absences."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from backend.casework.services import plan_assign
from backend.machines.plan_review.states import PlanState
from tests import factories
from tests.helpers import reload

pytestmark = pytest.mark.django_db


def _api(user: Any) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def _web(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_api_filters_plans_and_tasks_by_owner(regional_officer: Any, colleague: Any) -> None:
    mine, theirs, nobodys = (factories.plan_in_state(PlanState.AWAITING_DECISION) for _ in "abc")
    plan_assign(plan=mine, assignee=regional_officer, by=regional_officer)
    plan_assign(plan=theirs, assignee=colleague, by=regional_officer)
    api = _api(regional_officer)
    listed = api.get("/api/v1/plans/", {"owner": "mine"}).json()["results"]
    assert [(row["id"], row["assignee"]) for row in listed] == [(mine.pk, regional_officer.pk)]
    listed = api.get("/api/v1/plans/", {"owner": "unassigned"}).json()["results"]
    assert [row["id"] for row in listed] == [nobodys.pk]
    listed = api.get("/api/v1/plans/", {"assignee": colleague.pk}).json()["results"]
    assert [row["id"] for row in listed] == [theirs.pk]
    tasks = api.get("/api/v1/me/inbox/", {"cases": "mine"}).json()["results"]
    assert [task["plan"] for task in tasks] == [mine.pk]
    refused = api.get("/api/v1/me/inbox/", {"cases": "everyone"})
    assert refused.status_code == 400
    assert "cases" in refused.json()["errors"]


def test_the_api_assigns_and_refuses_a_stranger_as_owner(
    regional_officer: Any, provider_user: Any, colleague: Any
) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_DECISION)
    api = _api(regional_officer)
    refused = api.post(f"/api/v1/plans/{plan.pk}/assign/", {"assignee": provider_user.pk})
    assert refused.status_code == 400
    assert reload(plan).assignee_id is None
    done = api.post(f"/api/v1/plans/{plan.pk}/assign/", {"assignee": colleague.pk})
    assert done.json() == {"id": plan.pk, "assignee": colleague.pk}
    done = api.post(f"/api/v1/plans/{plan.pk}/assign/", {"assignee": None}, format="json")
    assert done.json()["assignee"] is None


def test_the_plan_page_offers_the_owner_box_to_the_office_only(
    regional_officer: Any, provider_user: Any, service: Any
) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_DECISION, service=service)
    url = reverse("plans:detail", args=[plan.pk])
    assert "Take the case" in _web(regional_officer).get(url).content.decode()
    assert "Take the case" not in _web(provider_user).get(url).content.decode()
    response = _web(regional_officer).post(
        reverse("casework:plan_assign", args=[plan.pk]), {"assignee": regional_officer.pk}
    )
    assert response.status_code == 302
    assert reload(plan).assignee_id == regional_officer.pk


def test_the_absence_page_records_and_keeps_bad_input(
    regional_officer: Any, colleague: Any
) -> None:
    web = _web(regional_officer)
    page = web.get(reverse("casework:absences"))
    assert colleague.get_full_name() in page.content.decode()
    bad = web.post(
        reverse("casework:absences"),
        {
            "substitute": colleague.pk,
            "starts_on": "2099-05-10",
            "ends_on": "2099-05-01",
            "note": "dovolená",
        },
    )
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "dovolená" in body  # the input is kept
    assert "The absence cannot end before it starts." in body
    good = web.post(
        reverse("casework:absences"),
        {"substitute": colleague.pk, "starts_on": "2099-05-01", "ends_on": "2099-05-10"},
    )
    assert good.status_code == 302
    assert regional_officer.absences.get().substitute == colleague
