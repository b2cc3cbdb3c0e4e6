"""Who sees the scores and reasons, through the plan page and the API: the regional office
always (the colleague's scores once every assessment is in), the provider only once the plan
is decided, the municipalities never."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from backend.assessment.models import Assessment, Criterion
from tests.assessment.conftest import score
from tests.helpers import reload
from workflows.plan_review.actions import plan_decide

pytestmark = pytest.mark.django_db

REASON = "Potřeba doložena komunitním plánem."


def page(user: Any, plan: Any) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("plans:detail", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def api(user: Any, plan: Any) -> Any:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client.get(f"/api/v1/plans/{plan.pk}/assessment/")


def decide(plan: Any, by: Any) -> None:
    plan_decide(
        plan=plan,
        by=by,
        outcome="included",
        body="regional_council",
        resolution_number="402/26/ZK",
        resolution_date=dt.date(2026, 6, 23),
    )


@pytest.fixture
def scored(plan: Any, regional_officer: Any, need: Criterion, cost: Criterion) -> Any:
    score(plan, regional_officer, need, cost, 4, 5)
    return plan


def test_the_office_sees_scores_and_reasons(scored: Any, regional_officer: Any) -> None:
    html = page(regional_officer, scored)
    assert 'id="assessment"' in html and REASON in html and "65.0 %" in html
    body = api(regional_officer, scored).json()
    assert body["score"] == "65.0"
    assert body["assessments"][0]["assessor"] == regional_officer.pk
    assert body["assessments"][0]["scores"][0]["reason"] == REASON
    assert body["cost"]["per_unit"] == "100000.00"


def test_the_provider_sees_the_score_only_after_the_decision(
    scored: Any, provider_user: Any, regional_officer: Any
) -> None:
    html = page(provider_user, scored)
    assert 'id="assessment"' not in html and REASON not in html
    refused = api(provider_user, scored)
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    decide(scored, regional_officer)
    assert reload(scored).state == "included"
    html = page(provider_user, scored)
    assert 'id="assessment"' in html and REASON in html and "65.0 %" in html
    assert "Assessor 1" in html and regional_officer.username not in html
    body = api(provider_user, scored).json()
    assert body["score"] == "65.0" and body["cost"] is None
    assert body["assessments"][0]["assessor"] is None
    assert body["assessments"][0]["assessor_name"] == "Assessor 1"


@pytest.mark.parametrize("actor", ["municipal_officer", "council_secretary"], indirect=True)
def test_the_municipalities_never_see_the_scores(
    scored: Any, actor: Any, regional_officer: Any
) -> None:
    for decided in (False, True):
        if decided:
            decide(scored, regional_officer)
        html = page(actor, scored)
        assert 'id="assessment"' not in html and REASON not in html
        assert api(actor, scored).status_code == 403


def test_a_plan_outside_the_scope_is_404(scored: Any, other_provider_user: Any) -> None:
    response = api(other_provider_user, scored)
    assert response.status_code == 404


def test_the_second_assessor_sees_nothing_of_the_first_before_submitting(
    plan: Any, regional_officer: Any, second_officer: Any, need: Criterion, cost: Criterion
) -> None:
    plan.call.assessors_required = 2
    plan.call.save()
    score(plan, regional_officer, need, cost, 4, 5)
    html = page(second_officer, plan)
    assert REASON not in html and "1 of 2" in html
    body = api(second_officer, plan).json()
    assert body["assessments"] == [] and body["score"] is None and body["can_assess"]
    score(plan, second_officer, need, cost, 1, 1)
    body = api(second_officer, plan).json()
    assert len(body["assessments"]) == 2 and body["score"] is not None


def test_the_decision_form_shows_the_score_both_assessors_and_the_flag(
    plan: Any, regional_officer: Any, second_officer: Any, need: Criterion, cost: Criterion
) -> None:
    plan.call.assessors_required = 2
    plan.call.save()
    score(plan, regional_officer, need, cost, 5, 10)
    score(plan, second_officer, need, cost, 1, 1)
    html = page(regional_officer, plan)
    decision = html[html.index(reverse("plans:decide", args=[plan.pk])) :]
    # (2 + 1) / 20 = 15 %; the mean of 100 % and 15 %
    assert "Score: 57.5 %" in decision and "Martin Beneš: 15.0 %" in decision
    assert "The assessors differ" in decision


def test_the_officer_scores_through_the_plan_page(
    plan: Any, regional_officer: Any, need: Criterion, cost: Criterion
) -> None:
    client = Client()
    client.force_login(regional_officer)
    url = reverse("assessment:assess", args=[plan.pk])
    bad = client.post(url, {f"points_{need.pk}": "4", f"reason_{need.pk}": "Ano."})
    assert bad.status_code == 400 and not Assessment.objects.exists()
    data = {
        f"points_{need.pk}": "4",
        f"reason_{need.pk}": REASON,
        f"points_{cost.pk}": "5",
        f"reason_{cost.pk}": "Přiměřené.",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assessment = Assessment.objects.get(plan=plan)
    assert assessment.assessor == regional_officer
    assert [s.points for s in assessment.scores.all()] == [4, 5]


def test_the_provider_may_not_score_through_the_page_or_the_api(
    plan: Any, provider_user: Any, need: Criterion, cost: Criterion
) -> None:
    client = Client()
    client.force_login(provider_user)
    data = {f"points_{need.pk}": "5", f"reason_{need.pk}": "A", f"points_{cost.pk}": "5"}
    assert client.post(reverse("assessment:assess", args=[plan.pk]), data).status_code == 403
    api_client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api_client.force_authenticate(provider_user)
    response = api_client.post(
        f"/api/v1/plans/{plan.pk}/assessment/", {"scores": []}, format="json"
    )
    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_the_api_refuses_bad_scores_with_field_errors(
    plan: Any, regional_officer: Any, need: Criterion, cost: Criterion
) -> None:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(regional_officer)
    url = f"/api/v1/plans/{plan.pk}/assessment/"
    response = client.post(
        url,
        {"scores": [{"criterion": need.pk, "points": 9, "reason": "Moc."}]},
        format="json",
    )
    assert response.status_code == 400
    assert {f"points_{need.pk}", f"points_{cost.pk}", f"reason_{cost.pk}"} <= set(
        response.json()["errors"]
    )
    ok = client.post(
        url,
        {
            "scores": [
                {"criterion": need.pk, "points": 4, "reason": REASON},
                {"criterion": cost.pk, "points": 5, "reason": "Přiměřené."},
            ]
        },
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["score"] == "65.0"
