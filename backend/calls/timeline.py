"""A call's phases laid out for a Gantt-like chart (inline SVG), with today marked."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from backend.calls.models import Call

WIDTH = 600  # px of the time axis
LABELS = 170  # px left of the axis for the phase names
ROW = 28


@dataclass
class Phase:
    label: str
    start: dt.date
    end: dt.date
    x: int
    width: int
    y: int
    current: bool


@dataclass
class Gantt:
    phases: list[Phase]
    today: dt.date
    today_x: int | None  # None when today lies outside the call
    height: int
    labels: int = LABELS
    width: int = LABELS + WIDTH + 10


def call_gantt(*, call: Call, today: dt.date | None = None) -> Gantt:
    """Submission window, opinions, council resolutions and the decision, each from the end
    of the previous step; a step without a date is left out."""
    today = today or timezone.localdate()
    opens = timezone.localdate(call.opens_at)
    closes = timezone.localdate(call.closes_at)
    steps = [
        (_("Submission window"), opens, closes),
        (_("Municipal opinions"), closes, call.opinion_deadline),
        (_("Council resolutions"), call.opinion_deadline, call.council_deadline),
        (
            _("Regional decision"),
            call.council_deadline or call.opinion_deadline or closes,
            call.decision_date,
        ),
    ]
    known = [(label, start, end) for label, start, end in steps if start and end]
    last = max([end for _label, _start, end in known] + [closes])
    span = max((last - opens).days, 1)

    def x(day: dt.date) -> int:
        return LABELS + round((day - opens).days / span * WIDTH)

    phases = [
        Phase(
            label,
            start,
            end,
            x(start),
            max(x(end) - x(start), 2),
            index * ROW + 20,
            start <= today <= end,
        )
        for index, (label, start, end) in enumerate(known)
    ]
    today_x = x(today) if opens <= today <= last else None
    return Gantt(phases, today, today_x, len(phases) * ROW + 30)
