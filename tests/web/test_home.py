"""The home page: the inbox of what waits for each role, each task with its deadline, the
working days remaining and a colour class (overdue, soon — at most two working days — or ok).

The clock stands on Monday 28 Aug 2017, 10:00 in Prague, during the 2017 call.
"""

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from backend.core.deadlines import end_of_day
from tests import factories
from tests.helpers import prague
from tests.web.pages import text


@pytest.fixture(autouse=True)
def _monday_28_august_2017() -> Iterator[None]:
    with time_machine.travel(prague(2017, 8, 28, 10), tick=False):
        yield


@pytest.fixture
def tasks(make_plan: Callable[..., Any]) -> None:
    """A call closing on Tuesday 29 Aug; the council deadline Wednesday 30 Aug; the decision
    on Friday 29 Sep (after the St Wenceslas holiday on Thursday 28 Sep)."""
    call = factories.CallFactory(
        open=True,
        opens_at=prague(2017, 7, 31),
        closes_at=end_of_day(dt.date(2017, 8, 29)),
        opinion_deadline_days=None,
        opinion_deadline_date=dt.date(2017, 9, 8),
        council_deadline_days=None,
        council_deadline_date=dt.date(2017, 8, 30),
        decision_date_days=None,
        decision_date_fixed=dt.date(2017, 9, 29),
    )
    make_plan("draft", call=call)
    make_plan("returned", call=call, completion_due=dt.date(2017, 8, 25))
    factories.opinion_in_state(
        "requested", plan=make_plan("awaiting_opinion", call=call), due_date=dt.date(2017, 9, 8)
    )
    factories.opinion_in_state(
        "drafted", plan=make_plan("awaiting_opinion", call=call), due_date=dt.date(2017, 8, 28)
    )
    factories.opinion_in_state("awaiting_council", plan=make_plan("awaiting_council", call=call))
    make_plan("awaiting_decision", call=call)


INBOX = {
    "provider_user": [
        ("Complete the returned plan", "overdue", "25 Aug 2017", "overdue by 1 working day"),
        ("Submit the draft", "soon", "29 Aug 2017", "1 working day left"),
    ],
    "municipal_officer": [
        ("Give the municipality's opinion", "soon", "28 Aug 2017", "due today"),
        ("Give the municipality's opinion", "ok", "8 Sep 2017", "9 working days left"),
    ],
    "council_secretary": [
        ("Record the council resolution", "soon", "30 Aug 2017", "2 working days left"),
    ],
    "regional_officer": [
        ("Decide on the plan", "ok", "29 Sep 2017", "23 working days left"),
    ],
    "other_provider_user": [],
    "tanvald_officer": [],
}

TASK_ROW = re.compile(
    r'<tr><td>(?P<task>[^<]*)</td><td><a href="(?P<url>[^"]*)">[^<]*</a></td>'
    r'<td><span class="deadline deadline--(?P<tone>\w+)"><time datetime="[^"]*">'
    r"(?P<date>[^<]*)</time> \((?P<left>[^)]*)\)</span></td></tr>"
)


@pytest.mark.parametrize(("role", "expected"), INBOX.items(), ids=INBOX.keys())
def test_the_inbox_lists_what_waits_with_the_deadline_and_the_days_left(
    client_as: Callable[[str], Client],
    tasks: None,
    role: str,
    expected: list[tuple[str, str, str, str]],
) -> None:
    client = client_as(role)
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    page = text(response)
    rows = list(TASK_ROW.finditer(page))
    assert [(r["task"], r["tone"], r["date"], r["left"]) for r in rows] == expected
    if not expected:
        assert "Nothing waits for you now." in page
    for row in rows:  # every task leads to a plan page the user may open
        assert client.get(row["url"]).status_code == 200


def test_a_long_inbox_is_paged_the_most_urgent_first(
    client_as: Callable[[str], Client], tasks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("backend.web.views.TASKS_PER_PAGE", 1)
    client = client_as("municipal_officer")
    pages = [text(client.get(reverse("web:home"), {"page": n})) for n in (1, 2)]
    dates = [[row["date"] for row in TASK_ROW.finditer(page)] for page in pages]
    assert dates == [["28 Aug 2017"], ["8 Sep 2017"]]
    assert "Page 1 of 2" in pages[0] and 'href="?page=2"' in pages[0]
    assert "Page 2 of 2" in pages[1] and 'href="?page=1"' in pages[1]


def test_a_visitor_is_welcomed_with_the_login_and_the_register(client: Client) -> None:
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    page = text(response)
    assert f'href="{reverse("login")}"' in page
    assert f'href="{reverse("network:register")}"' in page
    assert "deadline--" not in page


def test_in_czech_the_inbox_counts_the_days_in_czech(
    client_as: Callable[[str], Client], tasks: None
) -> None:
    with translation.override("cs"):
        page = text(client_as("regional_officer").get(reverse("web:home")))
    assert "<td>Rozhodnout o rozvojovém záměru</td>" in page
    assert '<time datetime="2017-09-29">29. 9. 2017</time> (zbývá 23 pracovních dnů)' in page
