"""The inbox is one ordered SQL query, counted and paged by the database.

The order: the most urgent first, tasks without a deadline last; tasks due the same day in
the order of the kinds (complete, submit, opinion, resolution, decide, remedy), then by
plan id, so a page is the same on every request. The count is exact up to the paginators'
cap (`backend.core.paging.EXACT_COUNT_UP_TO`), on PostgreSQL the planner's estimate above
it, and the number of queries depends neither on the page size nor on the tasks.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.accounts.models import Membership, Role
from backend.casework.services import plan_assign
from backend.core import paging
from backend.core.deadlines import end_of_day, today_in_prague
from backend.machines.plan_review.states import PlanState
from backend.network.choices import RESERVATION_LEVELS
from backend.plans.models import DevelopmentPlan
from backend.plans.worklist import Cases, worklist_for_user, worklist_refs_for_user
from tests import factories

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _inbox(client: Client, **params: Any) -> Any:
    return client.get("/api/v1/me/inbox/", params)


def test_tasks_due_the_same_day_follow_the_kinds_then_the_plan(
    provider_user: Any, service: Any, liberec: Any, region: Any
) -> None:
    """One user in every role: each kind of task due on one day, one overdue reservation
    and one returned plan without a completion date."""
    user = provider_user
    for role, place in (
        (Role.MUNICIPAL_OFFICER, {"municipality": liberec}),
        (Role.COUNCIL_SECRETARY, {"municipality": liberec}),
        (Role.REGIONAL_OFFICER, {"region": region}),
    ):
        Membership.objects.create(user=user, role=role, **place)
    day = today_in_prague() + dt.timedelta(days=30)
    call = factories.CallFactory(
        open=True,
        closes_at=end_of_day(day),
        opinion_deadline_days=None,
        opinion_deadline_date=day,
        council_deadline_days=None,
        council_deadline_date=day,
        decision_date_days=None,
        decision_date_fixed=day,
    )
    undated = factories.plan_in_state(
        PlanState.RETURNED, service=service, call=call, completion_due=None
    )
    decide = [factories.plan_in_state(PlanState.AWAITING_DECISION, call=call) for _ in "ab"]
    resolution = factories.opinion_in_state("awaiting_council", plan__call=call)
    opinion = factories.opinion_in_state("requested", due_date=day)
    submit = factories.plan_in_state(PlanState.DRAFT, service=service, call=call)
    complete = factories.plan_in_state(
        PlanState.RETURNED, service=service, call=call, completion_due=day
    )
    entry = factories.NetworkEntryFactory(
        level=RESERVATION_LEVELS[0], remedy_due=today_in_prague() - dt.timedelta(days=1)
    )
    entry.orps.set([factories.orp("5105")])

    refs = worklist_refs_for_user(user=user)

    assert [(ref.kind, ref.plan_id) for ref in refs] == [
        ("remedy", entry.pk),
        ("complete", complete.pk),
        ("submit", submit.pk),
        ("opinion", opinion.plan_id),
        ("resolution", resolution.plan_id),
        ("decide", min(plan.pk for plan in decide)),
        ("decide", max(plan.pk for plan in decide)),
        ("complete", undated.pk),
    ]
    assert [ref.deadline for ref in refs[1:-1]] == [day] * 6
    assert refs[-1].deadline is None
    # Any slice is the same part of the whole list.
    worklist = worklist_for_user(user=user)
    assert len(worklist) == len(refs)
    assert [worklist[index] for index in range(len(refs))] == refs
    assert worklist[2:5] == refs[2:5] and worklist[-1] == refs[-1]


@pytest.fixture
def decisions(region: Any) -> Callable[[int], list[int]]:
    """`decisions(n)`: n plans awaiting the region's decision, the most urgent first."""

    def make(count: int) -> list[int]:
        return [factories.plan_in_state(PlanState.AWAITING_DECISION).pk for _ in range(count)]

    return make


def test_the_api_pages_are_exact_to_the_last_and_past_it(
    regional_officer: Any, decisions: Callable[[int], list[int]]
) -> None:
    plans = decisions(5)
    client = _client(regional_officer)
    pages = [_inbox(client, page=number, page_size=2).json() for number in (1, 2, 3)]
    assert [[task["plan"] for task in page["results"]] for page in pages] == [
        plans[0:2],
        plans[2:4],
        plans[4:5],
    ]
    assert {(page["count"], page["count_exact"]) for page in pages} == {(5, True)}
    assert pages[2]["next"] is None and pages[0]["previous"] is None
    assert _inbox(client, page="last", page_size=2).json() == pages[2]
    assert _inbox(client, page=4, page_size=2).status_code == 404
    assert _inbox(client, page=0, page_size=2).status_code == 404


def test_the_home_page_past_the_end_shows_the_last_page(
    regional_officer: Any, decisions: Callable[[int], list[int]], monkeypatch: Any
) -> None:
    plans = decisions(5)
    monkeypatch.setattr("backend.web.views.TASKS_PER_PAGE", 2)
    client = _client(regional_officer)
    last = client.get(reverse("web:home"), {"page": 99}).content.decode()
    assert "Page 3 of 3" in last
    assert f"/plans/{plans[4]}/" in last and f"/plans/{plans[3]}/" not in last


def _pages(client: Client, size: int) -> list[Any]:
    pages, number = [], 1
    while True:
        pages.append(_inbox(client, page=number, page_size=size).json())
        if pages[-1]["next"] is None:
            return pages
        number += 1


@pytest.mark.postgres
def test_above_the_cap_the_inbox_is_estimated_and_pages_exactly(
    regional_officer: Any, decisions: Callable[[int], list[int]], monkeypatch: Any
) -> None:
    plans = decisions(7)
    monkeypatch.setattr(paging, "EXACT_COUNT_UP_TO", 3)
    monkeypatch.setattr("backend.web.views.TASKS_PER_PAGE", 2)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE plans_developmentplan")
    client = _client(regional_officer)

    pages = _pages(client, 2)

    assert {page["count_exact"] for page in pages} == {False}
    assert pages[0]["count"] >= 4  # never fewer than the rows counted up to the cap
    assert [task["plan"] for page in pages for task in page["results"]] == plans
    home = client.get(reverse("web:home"), {"page": 2}).content.decode()
    assert "Page 2 of about" in home
    assert f"/plans/{plans[2]}/" in home and f"/plans/{plans[4]}/" not in home


def test_above_the_cap_sqlite_counts_the_inbox_exactly(
    regional_officer: Any, decisions: Callable[[int], list[int]], monkeypatch: Any
) -> None:
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL estimates: test_above_the_cap_the_inbox_is_estimated_…")
    plans = decisions(7)
    monkeypatch.setattr(paging, "EXACT_COUNT_UP_TO", 3)

    pages = _pages(_client(regional_officer), 2)

    assert {(page["count"], page["count_exact"]) for page in pages} == {(7, True)}
    assert [task["plan"] for page in pages for task in page["results"]] == plans


@pytest.mark.parametrize("tasks", [3, 12])
def test_the_queries_depend_neither_on_the_page_size_nor_on_the_tasks(
    regional_officer: Any, decisions: Callable[[int], list[int]], tasks: int
) -> None:
    decisions(tasks)
    client = _client(regional_officer)
    _inbox(client, page_size=1)  # the session and the roles are read once

    def queries(url: str, **params: Any) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, params).status_code == 200
        return len(captured)

    counts = {
        "api": {queries("/api/v1/me/inbox/", page_size=size) for size in (1, 10, 100)},
        "home": {queries(reverse("web:home"), page=page) for page in (1, 2)},
    }
    # The same at 3 and at 12 tasks (pinned: a change shows here first).
    assert counts == {"api": {8}, "home": {9}}


def test_the_cases_filter_counts_and_pages_only_the_chosen_cases(
    regional_officer: Any, region: Any, decisions: Callable[[int], list[int]]
) -> None:
    colleague = factories.user_with_role(Role.REGIONAL_OFFICER, region, username="kraj2")
    mine, theirs, nobodys = decisions(3)
    for plan, assignee in ((mine, regional_officer), (theirs, colleague)):
        plan_assign(
            plan=DevelopmentPlan.objects.get(pk=plan), assignee=assignee, by=regional_officer
        )
    client = _client(regional_officer)

    def plans(cases: str) -> tuple[int, list[int]]:
        page = _inbox(client, cases=cases).json()
        return page["count"], [task["plan"] for task in page["results"]]

    assert plans(Cases.ALL) == (2, [mine, nobodys])
    assert plans(Cases.MINE) == (1, [mine])
    assert plans(Cases.UNASSIGNED) == (1, [nobodys])
