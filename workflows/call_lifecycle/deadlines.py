"""The calls' clock: planned calls open at `opens_at`, calls close after `closes_at`, closed
calls finish once decided — selected by set-based queries, changed by the system (by=None).
Run by the scheduler's `calls` job (`notifications/runs.py`)."""

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.calls.models import Call
from backend.core.deadlines import local_date
from backend.machines.call_lifecycle.states import CallState
from backend.machines.call_lifecycle.transitions import CallTransition
from backend.machines.plan_review.states import SETTLED_STATES
from backend.plans.models import DevelopmentPlan
from workflows.call_lifecycle.actions import call_close, call_finish, call_open
from workflows.sweeping import each_by_system


def calls_to_open(now: dt.datetime) -> QuerySet[Call]:
    return Call.objects.filter(state=CallState.PLANNED, opens_at__lte=now, closes_at__gt=now)


def calls_to_close(now: dt.datetime) -> QuerySet[Call]:
    """Calls past their last instant (`closes_at` itself still accepts plans)."""
    return Call.objects.filter(state__in=[CallState.PLANNED, CallState.OPEN], closes_at__lt=now)


def calls_to_finish(today: dt.date) -> list[Call]:
    """Closed calls past their decision date whose submitted plans are all settled."""
    unsettled = DevelopmentPlan.objects.filter(
        call=OuterRef("pk"), submitted_at__isnull=False
    ).exclude(state__in=SETTLED_STATES)
    closed = Call.objects.filter(state=CallState.CLOSED).filter(~Exists(unsettled))
    return [call for call in closed if call.decision_date is None or call.decision_date < today]


def calls_sweep(*, now: dt.datetime | None = None) -> dict[str, Any]:
    """Open and close calls on time and finish decided ones (a call an officer already
    opened, closed or finished by hand is left alone)."""
    now = now or timezone.now()
    return {
        "opened": each_by_system(
            calls_to_open(now),
            lambda call: call_open(call=call, comment=_("Opened on schedule.")),
            CallTransition.OPEN,
        ),
        "closed": each_by_system(
            calls_to_close(now),
            lambda call: call_close(call=call, comment=_("Closed on schedule.")),
            CallTransition.CLOSE,
        ),
        "finished": each_by_system(
            calls_to_finish(local_date(now)),
            lambda call: call_finish(call=call, comment=_("Every plan is settled.")),
            CallTransition.FINISH,
        ),
    }
