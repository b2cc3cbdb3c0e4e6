"""Working days and deadline instants (Europe/Prague, Czech public holidays).

Deadlines in this domain are counted in calendar days or in working days (no weekends, no
Czech public holidays incl. Good Friday and Easter Monday). A deadline given as a date ends at
the end of that day in Prague.
"""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

PRAGUE = ZoneInfo("Europe/Prague")


@lru_cache(maxsize=64)
def _czech_holidays(year: int) -> frozenset[dt.date]:
    # Imported on first use: the library and its calendars take ~4 MB that a web process
    # serving lists and exports never needs (issue 23, peak memory of the exports).
    import holidays

    return frozenset(holidays.country_holidays("CZ", years=year).keys())


def is_working_day(day: dt.date) -> bool:
    """True for Monday–Friday that is not a Czech public holiday."""
    return day.weekday() < 5 and day not in _czech_holidays(day.year)


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The date `count` working days after `start` (start itself is not counted)."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    remaining = count
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier."""
    if end < start:
        return -working_days_between(end, start)
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if is_working_day(start + dt.timedelta(days=offset))
    )


def end_of_day(day: dt.date) -> dt.datetime:
    """The last instant of `day` in Prague (an aware datetime, DST-correct)."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=PRAGUE)


def local_date(instant: dt.datetime) -> dt.date:
    """The Prague calendar date of an aware instant."""
    return instant.astimezone(PRAGUE).date()


def resolve_deadline(
    *, fixed: dt.date | None, working_days: int | None, after: dt.date | None
) -> dt.date | None:
    """A deadline set either as a fixed date or as N working days after the previous step."""
    if fixed is not None:
        return fixed
    if working_days is not None and after is not None:
        return add_working_days(after, working_days)
    return None


def today_in_prague() -> dt.date:
    """Today's date on the Prague wall clock (follows a frozen or travelled clock)."""
    from django.utils import timezone

    return timezone.localdate(timezone.now(), PRAGUE)


def working_days_left(deadline: dt.date, *, today: dt.date | None = None) -> int:
    """How many working days remain until `deadline` (0 on the deadline day itself).

    Counts the working days after today up to and including the deadline; once the deadline
    has passed, the working days since it, negative (-1 the working day after it).
    """
    today = today or today_in_prague()
    return working_days_between(today, deadline)


@dataclass(frozen=True)
class DeadlineInfo:
    """A deadline as every page and message shows it: the date and the working days left."""

    date: dt.date
    working_days_left: int
    is_overdue: bool
    label: str

    @property
    def is_close(self) -> bool:
        """Due within the last working day or two (pages colour it)."""
        return not self.is_overdue and self.working_days_left <= 2


def deadline_info(deadline: dt.date, *, today: dt.date | None = None) -> DeadlineInfo:
    """The deadline with a translated sentence, e.g. "3 working days left", "due today",
    "overdue by 2 working days"."""
    from django.utils.translation import gettext, ngettext

    today = today or today_in_prague()
    left = working_days_left(deadline, today=today)
    if deadline < today:
        late = -left
        label = (
            ngettext("overdue by %(count)d working day", "overdue by %(count)d working days", late)
            % {"count": late}
            if late
            else gettext("overdue")
        )
        return DeadlineInfo(deadline, left, True, label)
    if deadline == today:
        label = gettext("due today")
    else:
        label = ngettext("%(count)d working day left", "%(count)d working days left", left) % {
            "count": left
        }
    return DeadlineInfo(deadline, left, False, label)


def short_date(day: dt.date | None) -> str:
    """A date as Czech (and the active language) write it, e.g. 29. 8. 2017."""
    from django.utils import formats

    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else ""
