"""The plan list: each user sees the plans of their scope; filters, full-text search, sorting
and the page live in the URL; htmx gets only the table."""

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from backend.core import paging
from backend.plans.models import DevelopmentPlan
from backend.web.plans import listing
from tests import factories
from tests.web.pages import link, listed_plans, text


@pytest.fixture
def plans(
    make_plan: Callable[..., DevelopmentPlan], other_provider: Any, tanvald_orp: Any, open_call: Any
) -> dict[str, DevelopmentPlan]:
    """TULIPAN's sheltered housing (§ 51) and Romodrom's field programme (§ 69), all in
    Liberec but one of Romodrom's plans in Tanvald; one plan in an older call."""
    field_programme = factories.SocialServiceFactory(
        provider=other_provider,
        name="Terénní programy Romodrom",
        service_type=factories.service_type("69"),
        form="field",
    )
    older_call = factories.CallFactory(closed=True, name="Výzva 2025")

    def theirs(state: str, **fields: Any) -> DevelopmentPlan:
        fields.setdefault("call", open_call)
        return factories.plan_in_state(
            state, service=field_programme, capacity_current=Decimal(1), **fields
        )

    return {
        "our draft": make_plan("draft", capacity_requested=Decimal(20)),
        "our submitted": make_plan("awaiting_opinion", capacity_requested=Decimal(15)),
        "their plan in Tanvald": theirs(
            "awaiting_decision", orps=[tanvald_orp], capacity_requested=Decimal(4)
        ),
        "their draft": theirs("draft", capacity_requested=Decimal(3)),
        "their older plan": theirs("included", call=older_call, capacity_requested=Decimal(2)),
    }


def _names(plans: dict[str, DevelopmentPlan], numbers: list[int]) -> list[str]:
    by_number = {plan.pk: name for name, plan in plans.items()}
    return [by_number[number] for number in numbers]


SCOPE = {
    "provider_user": {"our draft", "our submitted"},
    "other_provider_user": {"their plan in Tanvald", "their draft", "their older plan"},
    "municipal_officer": {"our submitted", "their older plan"},
    "council_secretary": {"our submitted", "their older plan"},
    "tanvald_officer": {"their plan in Tanvald"},
    "stranger": set(),
}


@pytest.mark.parametrize(("role", "visible"), SCOPE.items(), ids=SCOPE.keys())
def test_each_user_sees_only_the_plans_of_their_scope(
    client_as: Callable[[str], Client],
    plans: dict[str, DevelopmentPlan],
    role: str,
    visible: set[str],
) -> None:
    response = client_as(role).get(reverse("plans:list"))
    assert response.status_code == 200
    assert set(_names(plans, listed_plans(response))) == visible


def test_the_regional_office_sees_every_plan_of_its_calls(
    client_as: Callable[[str], Client], plans: dict[str, DevelopmentPlan]
) -> None:
    response = client_as("regional_officer").get(reverse("plans:list"))
    assert set(_names(plans, listed_plans(response))) == set(plans)
    assert "5 plans" in text(response)


FILTERS = [
    ({"state": "draft"}, {"our draft", "their draft"}),
    ({"orp": "tanvald"}, {"their plan in Tanvald"}),
    ({"service_type": "§ 69"}, {"their plan in Tanvald", "their draft", "their older plan"}),
    ({"call": "older call"}, {"their older plan"}),
    ({"q": "TULIPAN"}, {"our draft", "our submitted"}),
    ({"q": "tulipan"}, {"our draft", "our submitted"}),
    ({"q": "26537036"}, {"their plan in Tanvald", "their draft", "their older plan"}),
    ({"q": "Romodrom terénní"}, {"their plan in Tanvald", "their draft", "their older plan"}),
    ({"q": "Romodrom TULIPAN"}, set()),
    ({"q": "terenni ROMODROM"}, {"their plan in Tanvald", "their draft", "their older plan"}),
    ({"q": "chranene"}, {"our draft", "our submitted"}),  # "Chráněné bydlení"
    ({"q": "2653703"}, set()),  # an IČ matches whole, not in part
    ({"state": "draft", "q": "26672472"}, {"our draft"}),
]


@pytest.mark.parametrize(("query", "found"), FILTERS, ids=[str(q) for q, _ in FILTERS])
def test_filters_and_full_text_search_in_the_url(
    client_as: Callable[[str], Client],
    plans: dict[str, DevelopmentPlan],
    tanvald_orp: Any,
    query: dict[str, str],
    found: set[str],
) -> None:
    values = {
        "tanvald": tanvald_orp.pk,
        "§ 69": factories.service_type("69").pk,
        "older call": plans["their older plan"].call_id,
    }
    params = {name: values.get(value, value) for name, value in query.items()}
    response = client_as("regional_officer").get(reverse("plans:list"), params)
    assert response.status_code == 200
    assert set(_names(plans, listed_plans(response))) == found


ROMODROM, TULIPAN = "Romodrom o. p. s.", "Sdružení TULIPAN, z. s."
SORTS = [
    # column header, what the rows are sorted by, its values in the order shown
    ("Capacity", lambda plan: plan.capacity_requested, [2, 3, 4, 15, 20]),
    ("Provider", lambda plan: plan.provider.name, [ROMODROM] * 3 + [TULIPAN] * 2),
    ("State", lambda plan: plan.state, ["awaiting_decision", "awaiting_opinion", "draft", "draft", "included"]),
]  # fmt: skip


@pytest.mark.parametrize(("column", "key", "values"), SORTS, ids=[c for c, _, _ in SORTS])
def test_a_column_header_sorts_and_keeps_the_filters(
    client_as: Callable[[str], Client],
    plans: dict[str, DevelopmentPlan],
    column: str,
    key: Callable[[DevelopmentPlan], Any],
    values: list[Any],
) -> None:
    client = client_as("regional_officer")
    searched = client.get(reverse("plans:list"), {"q": "Liberec", "page": "1"})
    sorted_url = link(searched, column)
    assert parse_qs(urlsplit(sorted_url).query)["q"] == ["Liberec"]
    assert "page" not in parse_qs(urlsplit(sorted_url).query)
    shown = [DevelopmentPlan.objects.get(pk=pk) for pk in listed_plans(client.get(sorted_url))]
    assert [key(plan) for plan in shown] == values


def test_pages_keep_the_filters_and_the_sorting(
    client_as: Callable[[str], Client],
    make_plan: Callable[..., DevelopmentPlan],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    drafts = [make_plan("draft", capacity_requested=Decimal(c)) for c in (14, 11, 13, 15, 12)]
    make_plan("awaiting_opinion")
    by_capacity = sorted(drafts, key=lambda plan: plan.capacity_requested)
    client = client_as("provider_user")

    second = client.get(reverse("plans:list"), {"state": "draft", "sort": "capacity", "page": 2})
    assert listed_plans(second) == [plan.pk for plan in by_capacity[2:4]]
    assert "5 plans" in text(second)
    assert "Page 2 of 3" in text(second)

    third = client.get(link(second, "Next"))
    assert third.wsgi_request.GET.dict() == {"state": "draft", "sort": "capacity", "page": "3"}
    assert listed_plans(third) == [by_capacity[4].pk]
    first = client.get(link(second, "Previous"))
    assert listed_plans(first) == [plan.pk for plan in by_capacity[:2]]


def test_plans_equal_in_the_sorted_column_keep_one_place_on_every_page(
    client_as: Callable[[str], Client],
    make_plan: Callable[..., DevelopmentPlan],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    same = [make_plan("draft", capacity_requested=Decimal(9)).pk for _ in range(5)]
    client = client_as("provider_user")
    listed = []
    for page in (1, 2, 3):
        query = {"sort": "-capacity", "page": page}
        listed += listed_plans(client.get(reverse("plans:list"), query))
    assert listed == sorted(same, reverse=True)


def test_a_page_out_of_range_shows_the_last_page(
    client_as: Callable[[str], Client],
    make_plan: Callable[..., DevelopmentPlan],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    for _ in range(3):
        make_plan("draft")
    response = client_as("provider_user").get(reverse("plans:list"), {"page": 99})
    assert response.status_code == 200
    assert len(listed_plans(response)) == 1
    assert "Page 2 of 2" in text(response)


@pytest.mark.postgres
def test_a_long_list_shows_about_how_many_and_exact_pages(
    client_as: Callable[[str], Client],
    make_plan: Callable[..., DevelopmentPlan],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    monkeypatch.setattr(paging, "EXACT_COUNT_UP_TO", 3)
    plans = [make_plan("draft").pk for _ in range(5)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE plans_developmentplan")
    client = client_as("provider_user")

    first = client.get(reverse("plans:list"), {"sort": "number"})
    assert listed_plans(first) == plans[:2]
    assert re.search(r"about \d+ plans", text(first))
    assert re.search(r"Page 1 of about \d+", text(first))
    third = client.get(reverse("plans:list"), {"sort": "number", "page": 3})
    assert listed_plans(third) == plans[4:]
    assert "Next" not in text(third)  # the row past the page, not the estimate, says so
    past = client.get(reverse("plans:list"), {"sort": "number", "page": 99})
    assert listed_plans(past) == plans[4:]


def test_htmx_gets_only_the_table(
    client_as: Callable[[str], Client], plans: dict[str, DevelopmentPlan]
) -> None:
    response = client_as("regional_officer").get(
        reverse("plans:list"), {"state": "draft"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    page = text(response)
    assert "<html" not in page
    assert '<form class="filters"' not in page
    assert "<table" in page
    assert set(_names(plans, listed_plans(response))) == {"our draft", "their draft"}


def test_a_full_page_has_the_filter_form_with_the_current_filters(
    client_as: Callable[[str], Client], plans: dict[str, DevelopmentPlan]
) -> None:
    response = client_as("regional_officer").get(
        reverse("plans:list"), {"state": "draft", "q": "TULIPAN", "sort": "capacity"}
    )
    page = response.content.decode()
    assert '<option value="draft" selected>' in page
    assert 'name="q" value="TULIPAN"' in page
    assert '<input type="hidden" name="sort" value="capacity">' in page


def test_only_the_regional_office_gets_the_bulk_decision(
    client_as: Callable[[str], Client], plans: dict[str, DevelopmentPlan]
) -> None:
    ready = plans["their plan in Tanvald"]
    checkbox = f'name="plans" value="{ready.pk}"'
    assert checkbox in client_as("regional_officer").get(reverse("plans:list")).content.decode()
    other = client_as("other_provider_user").get(reverse("plans:list")).content.decode()
    assert checkbox not in other
    assert 'id="bulk-decide"' not in other
