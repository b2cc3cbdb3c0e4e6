"""How many working days remain: what every page and message shows next to a deadline."""

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from backend.core.deadlines import deadline_info, today_in_prague, working_days_left
from tests.helpers import prague

D = dt.date


@pytest.mark.parametrize(
    ("today", "deadline", "left"),
    [
        (D(2026, 3, 30), D(2026, 4, 7), 4),  # over Good Friday and Easter Monday 2026
        (D(2026, 4, 2), D(2026, 4, 7), 1),  # the last working day before it
        (D(2026, 4, 7), D(2026, 4, 7), 0),  # the deadline day itself
        (D(2026, 4, 8), D(2026, 4, 7), -1),  # a working day late
        (D(2026, 4, 13), D(2026, 4, 7), -4),  # 8, 9, 10, 13 April
        (D(2026, 12, 23), D(2026, 12, 29), 2),  # over 24–26 Dec and the weekend: 28, 29
    ],
)
def test_working_days_left(today: dt.date, deadline: dt.date, left: int) -> None:
    assert working_days_left(deadline, today=today) == left


def test_today_follows_the_prague_clock() -> None:
    # 23:30 UTC on 31 Dec is already New Year's Day in Prague.
    with time_machine.travel(dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC), tick=False):
        assert today_in_prague() == D(2027, 1, 1)
    with time_machine.travel(prague(2026, 4, 2, 12), tick=False):
        assert working_days_left(D(2026, 4, 7)) == 1


@pytest.mark.parametrize(
    ("today", "label", "overdue", "close"),
    [
        (D(2026, 3, 27), "5 working days left", False, False),
        (D(2026, 4, 2), "1 working day left", False, True),
        (D(2026, 4, 7), "due today", False, True),
        (D(2026, 4, 8), "overdue by 1 working day", True, False),
        (D(2026, 4, 9), "overdue by 2 working days", True, False),
    ],
)
def test_deadline_info_labels(today: dt.date, label: str, overdue: bool, close: bool) -> None:
    info = deadline_info(D(2026, 4, 7), today=today)
    assert (info.label, info.is_overdue, info.is_close) == (label, overdue, close)
    assert info.date == D(2026, 4, 7)


def test_deadline_info_in_czech() -> None:
    with translation.override("cs"):
        assert deadline_info(D(2026, 4, 7), today=D(2026, 3, 27)).label == "zbývá 5 pracovních dnů"
        assert deadline_info(D(2026, 4, 7), today=D(2026, 3, 31)).label == "zbývají 3 pracovní dny"
        assert deadline_info(D(2026, 4, 7), today=D(2026, 4, 7)).label == "lhůta končí dnes"
        assert deadline_info(D(2026, 4, 7), today=D(2026, 4, 8)).label == "1 pracovní den po lhůtě"
