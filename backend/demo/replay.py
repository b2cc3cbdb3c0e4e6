"""Replaying the demo's events on their own dates, through the same actions as the UI."""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import time_machine

from backend.calls.models import Call
from backend.core.deadlines import PRAGUE
from backend.plans.models import DevelopmentPlan
from backend.plans.services import plan_create
from backend.registry.models import ActivityCard, Orp, SocialService


def prague(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PRAGUE)


@contextmanager
def at(moment: dt.datetime) -> Iterator[None]:
    """Run the block as if it were `moment`: the log shows the case's real dates."""
    with time_machine.travel(moment, tick=False):
        yield


def draft(
    *,
    by: Any,
    call: Call,
    service: SocialService,
    kind: str,
    current: str,
    requested: str,
    justification: str,
    orps: tuple[str, ...] = ("5105",),
    cards: tuple[str, ...] = (),
    amount: str | None = None,
) -> DevelopmentPlan:
    return plan_create(
        by=by,
        call=call,
        service=service,
        kind=kind,
        capacity_current=Decimal(current),
        capacity_requested=Decimal(requested),
        justification=justification,
        orps=list(Orp.objects.filter(code__in=orps)),
        activity_cards=list(ActivityCard.objects.filter(code__in=cards)),
        amount_requested=Decimal(amount) if amount else None,
    )
