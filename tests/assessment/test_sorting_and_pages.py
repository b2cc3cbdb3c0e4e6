"""The plan list sorted by score (web and API, the unscored last, with the visibility of the
plan page) and the office's pages of criteria and reference values."""

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from backend.assessment.models import Criterion, ReferenceValue
from tests import factories
from tests.assessment.conftest import score

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(call: Any, provider: Any, regional_officer: Any, need: Criterion, cost: Criterion) -> Any:
    """Three plans of the call: scored 15 %, 100 %, and not scored."""
    plans = [
        factories.plan_in_state(
            "awaiting_decision",
            call=call,
            service=factories.SocialServiceFactory(provider=provider, name=f"Služba {name}"),
        )
        for name in ("Nízká", "Vysoká", "Bez hodnocení")
    ]
    score(plans[0], regional_officer, need, cost, 1, 1)
    score(plans[1], regional_officer, need, cost, 5, 10)
    return plans


def _web_order(user: Any, sort: str, plans: list[Any]) -> list[int]:
    client = Client()
    client.force_login(user)
    html = client.get(reverse("plans:list"), {"sort": sort}).content.decode()
    return sorted((plan.pk for plan in plans), key=lambda pk: html.index(f'id="select-{pk}"'))


def _api_order(user: Any, ordering: str) -> list[int]:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    response = client.get("/api/v1/plans/", {"ordering": ordering})
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_the_office_sorts_the_plan_list_by_score(three: list[Any], regional_officer: Any) -> None:
    low, high, unscored = (plan.pk for plan in three)
    assert _web_order(regional_officer, "-score", three) == [high, low, unscored]
    assert _web_order(regional_officer, "score", three) == [low, high, unscored]
    assert _api_order(regional_officer, "-score") == [high, low, unscored]
    assert _api_order(regional_officer, "score,id") == [low, high, unscored]
    client = Client()
    client.force_login(regional_officer)
    html = client.get(reverse("plans:list"), {"sort": "-score"}).content.decode()
    assert "100.0 %" in html and "15.0 %" in html


def test_a_plan_waiting_for_its_second_assessor_has_no_score_in_the_list(
    three: list[Any], regional_officer: Any
) -> None:
    call = three[0].call
    call.assessors_required = 2
    call.save()
    # Every plan lacks its second assessment: none is sorted by a score yet.
    assert _api_order(regional_officer, "-score,id") == sorted(plan.pk for plan in three)


def test_the_provider_sorts_only_by_decided_scores(
    three: list[Any], provider_user: Any, regional_officer: Any
) -> None:
    low, high, unscored = (plan.pk for plan in three)
    # Undecided: no score is revealed, so the order falls back to the ids.
    assert _api_order(provider_user, "-score,id") == [low, high, unscored]
    client = Client()
    client.force_login(provider_user)
    html = client.get(reverse("plans:list"), {"sort": "-score"}).content.decode()
    assert "100.0 %" not in html


def test_the_criteria_page_adds_edits_and_refuses_after_scoring(
    call: Any, plan: Any, regional_officer: Any, need: Criterion, cost: Criterion
) -> None:
    client = Client()
    client.force_login(regional_officer)
    url = reverse("assessment:criteria", args=[call.pk])
    page = client.get(url).content.decode()
    assert need.name in page and reverse("assessment:criterion_edit", args=[need.pk]) in page
    added = client.post(url, {"name": "Soulad s kartami", "weight": "0,5", "max_points": "3"})
    assert added.status_code == 302
    assert call.criteria.get(name="Soulad s kartami").weight == Decimal("0.5")
    bad = client.post(url, {"name": "X", "weight": "0", "max_points": "3"})
    assert bad.status_code == 400
    edit = reverse("assessment:criterion_edit", args=[need.pk])
    data = {"name": need.name, "weight": "3", "max_points": "5", "order": "1"}
    assert client.post(edit, data).status_code == 302
    delete = reverse("assessment:criterion_delete", args=[cost.pk])
    assert client.post(delete).status_code == 302
    assert not Criterion.objects.filter(pk=cost.pk).exists()
    score_all(plan, regional_officer, call)
    refused = client.post(reverse("assessment:criterion_delete", args=[need.pk]))
    assert refused.status_code == 409
    assert Criterion.objects.filter(pk=need.pk).exists()
    assert "can no longer change" in client.get(url).content.decode()


def score_all(plan: Any, by: Any, call: Any) -> None:
    from backend.assessment.services import assessment_submit

    assessment_submit(plan=plan, by=by, scores={c.pk: (1, "Důvod.") for c in call.criteria.all()})


def test_the_criteria_pages_are_the_office_s(
    call: Any, need: Criterion, provider_user: Any
) -> None:
    client = Client()
    client.force_login(provider_user)
    assert client.get(reverse("assessment:criteria", args=[call.pk])).status_code == 403
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(provider_user)
    # Anyone signed in reads a call's criteria (the call is a public announcement) …
    listed = api.get(f"/api/v1/calls/{call.pk}/criteria/")
    assert [row["name"] for row in listed.json()] == [need.name]
    # … only the office sets them.
    response = api.post(
        f"/api/v1/calls/{call.pk}/criteria/", {"name": "X", "weight": "1", "max_points": 5}
    )
    assert response.status_code == 403
    assert api.delete(f"/api/v1/criteria/{need.pk}/").status_code == 403


def test_the_api_refuses_to_delete_a_criterion_after_scoring(
    plan: Any, regional_officer: Any, need: Criterion, cost: Criterion
) -> None:
    score(plan, regional_officer, need, cost, 3, 3)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(regional_officer)
    response = api.delete(f"/api/v1/criteria/{need.pk}/")
    assert response.status_code == 409
    assert Criterion.objects.filter(pk=need.pk).exists()


def test_reference_values_pages_and_api(region: Any, regional_officer: Any) -> None:
    client = Client()
    client.force_login(regional_officer)
    url = reverse("assessment:reference_values")
    type_51 = factories.service_type("51")
    data = {
        "service_type": type_51.pk,
        "unit": "beds",
        "valid_from_year": "2026",
        "amount": "412 000",
        "note": "Referenční hodnoty LK 2026",
    }
    assert client.post(url, data).status_code == 302
    value = ReferenceValue.objects.get()
    assert value.amount == Decimal(412_000) and value.region == region
    edit = reverse("assessment:reference_value_edit", args=[value.pk])
    assert client.post(edit, {**data, "amount": "415 000,50"}).status_code == 302
    value.refresh_from_db()
    assert value.amount == Decimal("415000.50")
    assert "415" in client.get(url).content.decode()
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(regional_officer)
    created = api.post(
        "/api/v1/reference-values/",
        {"service_type": "69", "unit": "fte", "valid_from_year": 2026, "amount": "780000"},
    )
    assert created.status_code == 201, created.content
    patched = api.patch(f"/api/v1/reference-values/{value.pk}/", {"amount": "1"}, format="json")
    assert patched.status_code == 200 and patched.json()["amount"] == "1.00"
    assert len(api.get("/api/v1/reference-values/").json()) == 2


def test_reference_values_are_the_office_s(provider_user: Any, municipal_officer: Any) -> None:
    for user in (provider_user, municipal_officer):
        client = Client()
        client.force_login(user)
        assert client.get(reverse("assessment:reference_values")).status_code == 403
        api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        api.force_authenticate(user)
        assert api.get("/api/v1/reference-values/").status_code == 403
