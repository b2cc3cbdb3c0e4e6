"""The remaining endpoints per role: details of public data, who reads which detail, the
inbox, and that every signed-in endpoint refuses anonymous callers with 401."""

from typing import Any

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

SIGNED_IN = [
    "/api/v1/me/",
    "/api/v1/me/inbox/",
    "/api/v1/auth/tokens/",
    "/api/v1/calls/",
    "/api/v1/providers/",
    "/api/v1/services/",
    "/api/v1/plans/",
    "/api/v1/opinions/",
    "/api/v1/resolutions/",
]


@pytest.mark.parametrize("url", SIGNED_IN)
def test_signed_in_endpoints_refuse_anonymous_callers(url: str, api: Any) -> None:
    response = api.get(url)
    assert (response.status_code, response.json()["code"]) == (401, "not_authenticated")


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("/api/v1/service-types/", "paragraph"),
        ("/api/v1/orps/", "code"),
        ("/api/v1/municipalities/", "name"),
        ("/api/v1/activity-cards/", "code"),
        ("/api/v1/periods/", "label"),
    ],
)
def test_public_details(url: str, key: str, api: Any) -> None:
    factories.NetworkPeriodFactory()
    first = api.get(url).json()["results"][0]
    detail = api.get(f"{url}{first['id']}/")
    assert detail.status_code == 200
    assert detail.json()[key] == first[key]
    assert api.get(f"{url}999999/").status_code == 404


def test_unknown_api_paths_are_json_404(api: Any) -> None:
    # A newline in the path (found by the fuzzer) was Django's HTML 404.
    for url in (
        "/api/v1/nothing/",
        "/api/v1/plans/1.5/",
        "/api/v1/orps/abc/",
        "/api/v1/plans/export/%0Axlsx/",
        "/api/v1/register/export/x%0Ay/",
    ):
        response = api.get(url)
        assert (response.status_code, response.json()["code"]) == (404, "not_found"), url


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("provider_user", 200),
        ("regional_officer", 200),
        ("municipal_officer", 200),  # a provider of a plan it may see
        ("other_provider_user", 404),
        ("tanvald_officer", 404),
        ("stranger", 404),
        ("anonymous", 401),
    ],
)
def test_provider_detail(role: str, status: int, plan_in: Any, provider: Any, as_role: Any) -> None:
    plan_in("awaiting_opinion")
    response = as_role(role).get(f"/api/v1/providers/{provider.pk}/")
    assert response.status_code == status
    if status == 200:
        assert response.json()["ico"] == "26672472"


@pytest.mark.parametrize(
    ("role", "what"),
    [
        ("provider_user", "Submit the draft"),
        ("municipal_officer", "Give the municipality's opinion"),
        ("council_secretary", "Record the council resolution"),
        ("regional_officer", "Decide on the plan"),
        ("stranger", None),
    ],
)
def test_the_inbox_per_role(
    role: str, what: str | None, plan_in: Any, opinion_in: Any, as_role: Any
) -> None:
    draft = plan_in("draft")
    requested = opinion_in("requested")
    council = opinion_in("awaiting_council", plan_state="awaiting_council")
    deciding = plan_in("awaiting_decision")
    expected_plan = {
        "provider_user": draft.pk,
        "municipal_officer": requested.plan_id,
        "council_secretary": council.plan_id,
        "regional_officer": deciding.pk,
    }
    tasks = as_role(role).get("/api/v1/me/inbox/").json()["results"]
    matching = [task for task in tasks if task["what"] == what]
    if what is None:
        assert tasks == []
    else:
        assert expected_plan[role] in {task["plan"] for task in matching}


def test_the_inbox_is_paginated_most_urgent_first(
    plan_in: Any, open_call: Any, as_role: Any, django_assert_max_num_queries: Any
) -> None:
    """Thousands of decisions may wait for the region: a page at a time, each page's tasks
    with their subject, in the order of their deadlines across the pages."""
    undated_call = factories.CallFactory(
        region=open_call.region, decision_date_fixed=None, decision_date_days=None
    )
    deciding = [plan_in("awaiting_decision") for _ in range(3)]
    deciding.append(plan_in("awaiting_decision", call=undated_call))
    client = as_role("regional_officer")
    with django_assert_max_num_queries(12):
        first = client.get("/api/v1/me/inbox/", {"page_size": 2}).json()
    second = client.get("/api/v1/me/inbox/", {"page_size": 2, "page": 2}).json()
    assert first["count"] == second["count"] == 4
    assert first["next"] and second["previous"] and second["next"] is None
    tasks = first["results"] + second["results"]
    assert {task["plan"] for task in tasks} == {plan.pk for plan in deciding}
    assert all(task["subject"].startswith(f"Plan #{task['plan']} ") for task in tasks)
    # The plans of the call with a decision date first, the one without any last.
    assert [task["deadline"] is None for task in tasks] == [False, False, False, True]
    assert tasks[-1]["plan"] == deciding[-1].pk
