"""Working days over Czech public holidays and deadline instants in Europe/Prague."""

import datetime as dt

import pytest

from backend.core.deadlines import (
    PRAGUE,
    add_working_days,
    end_of_day,
    is_working_day,
    local_date,
    resolve_deadline,
    working_days_between,
)

D = dt.date
HOUR = dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2025, 4, 17), True),  # Maundy Thursday is an ordinary working day
        (D(2025, 4, 18), False),  # Good Friday
        (D(2025, 4, 21), False),  # Easter Monday
        (D(2025, 4, 22), True),
        (D(2025, 10, 27), True),
        (D(2025, 10, 28), False),  # Independent Czechoslovak State Day
        (D(2025, 12, 23), True),
        (D(2025, 12, 24), False),
        (D(2025, 12, 25), False),
        (D(2025, 12, 26), False),
        (D(2026, 1, 1), False),
        (D(2026, 1, 2), True),
        (D(2025, 5, 1), False),
        (D(2025, 5, 8), False),
        (D(2025, 11, 17), False),
        (D(2025, 4, 19), False),  # Saturday
        (D(2025, 4, 20), False),  # Sunday
        (D(2017, 8, 4), True),  # the 2017 call's last day (Friday)
    ],
)
def test_is_working_day(day: dt.date, working: bool) -> None:
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (D(2025, 4, 17), 0, D(2025, 4, 17)),
        (D(2025, 4, 17), 1, D(2025, 4, 22)),  # over Good Friday, the weekend, Easter Monday
        (D(2025, 4, 16), 2, D(2025, 4, 22)),
        (D(2025, 10, 27), 1, D(2025, 10, 29)),  # over 28 Oct
        (D(2025, 12, 23), 1, D(2025, 12, 29)),  # over 24–26 Dec and the weekend
        (D(2025, 12, 31), 1, D(2026, 1, 2)),  # over New Year's Day, across the year
        (D(2025, 12, 19), 5, D(2025, 12, 31)),  # 22, 23, 29, 30, 31 Dec
        (D(2025, 4, 19), 1, D(2025, 4, 22)),  # from a Saturday before Easter Monday
        (D(2017, 8, 4), 10, D(2017, 8, 18)),  # two plain weeks
    ],
)
def test_add_working_days(start: dt.date, count: int, expected: dt.date) -> None:
    assert add_working_days(start, count) == expected


def test_add_working_days_refuses_a_negative_count() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_days(D(2025, 4, 17), -1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 4, 17), D(2025, 4, 17), 0),
        (D(2025, 4, 17), D(2025, 4, 22), 1),
        (D(2025, 4, 22), D(2025, 4, 17), -1),
        (D(2025, 4, 14), D(2025, 4, 25), 7),  # 15–17 and 22–25 Apr
        (D(2025, 12, 23), D(2026, 1, 2), 4),  # 29, 30, 31 Dec and 2 Jan
        (D(2025, 10, 24), D(2025, 10, 31), 4),  # 27, 29, 30, 31 Oct
    ],
)
def test_working_days_between(start: dt.date, end: dt.date, expected: int) -> None:
    assert working_days_between(start, end) == expected


@pytest.mark.parametrize("count", [0, 1, 3, 10, 25])
def test_working_days_between_inverts_add_working_days(count: int) -> None:
    start = D(2025, 12, 20)
    assert working_days_between(start, add_working_days(start, count)) == count


@pytest.mark.parametrize(
    ("day", "offset_hours"),
    [
        (D(2025, 3, 29), 1),  # the last day of winter time
        (D(2025, 3, 30), 2),  # clocks go forward at 2:00 that night; the day ends in CEST
        (D(2025, 10, 25), 2),
        (D(2025, 10, 26), 1),  # clocks go back at 3:00; the day ends in CET
        (D(2025, 7, 1), 2),
        (D(2025, 1, 15), 1),
    ],
)
def test_end_of_day_has_the_prague_offset_of_that_evening(day: dt.date, offset_hours: int) -> None:
    instant = end_of_day(day)
    assert instant.utcoffset() == offset_hours * HOUR
    assert local_date(instant) == day
    # One microsecond later is the next day in Prague.
    assert local_date(instant + dt.timedelta(microseconds=1)) == day + dt.timedelta(days=1)


def test_end_of_day_on_dst_change_days_in_utc() -> None:
    assert end_of_day(D(2025, 3, 30)).astimezone(dt.UTC) == dt.datetime(
        2025, 3, 30, 21, 59, 59, 999999, tzinfo=dt.UTC
    )
    assert end_of_day(D(2025, 10, 26)).astimezone(dt.UTC) == dt.datetime(
        2025, 10, 26, 22, 59, 59, 999999, tzinfo=dt.UTC
    )

    # The autumn day is 25 hours long, the spring one 23 (compare in UTC: Python subtracts
    # datetimes sharing a tzinfo by wall clock).
    def utc(day: dt.date) -> dt.datetime:
        return end_of_day(day).astimezone(dt.UTC)

    assert utc(D(2025, 10, 26)) - utc(D(2025, 10, 25)) == 25 * HOUR
    assert utc(D(2025, 3, 30)) - utc(D(2025, 3, 29)) == 23 * HOUR


def test_local_date_uses_the_prague_calendar_not_utc() -> None:
    # 23:30 UTC on 26 Oct 2025 is already 00:30 on 27 Oct in Prague (CET, +01).
    assert local_date(dt.datetime(2025, 10, 26, 23, 30, tzinfo=dt.UTC)) == D(2025, 10, 27)
    assert local_date(dt.datetime(2025, 10, 26, 22, 30, tzinfo=dt.UTC)) == D(2025, 10, 26)
    # In summer (+02) the date changes at 22:00 UTC.
    assert local_date(dt.datetime(2025, 7, 1, 22, 0, tzinfo=dt.UTC)) == D(2025, 7, 2)
    assert local_date(dt.datetime(2025, 7, 1, 23, 0, tzinfo=PRAGUE)) == D(2025, 7, 1)


def test_resolve_deadline() -> None:
    after = D(2025, 4, 17)
    assert resolve_deadline(fixed=D(2025, 5, 5), working_days=3, after=after) == D(2025, 5, 5)
    assert resolve_deadline(fixed=None, working_days=3, after=after) == D(2025, 4, 24)
    assert resolve_deadline(fixed=None, working_days=3, after=None) is None
    assert resolve_deadline(fixed=None, working_days=None, after=after) is None
