"""The scheduled sweeps: what is due is selected by set-based queries over indexed columns,
in capped batches, and every state change goes through the workflow actions (by=None, the
system). Running a sweep twice changes nothing the second time.
"""

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.calls.models import Call
from backend.core.deadlines import local_date
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from notifications.reminders import CLOCK_RUNNING, OPINION_OPEN, reminders_create
from workflows.call_lifecycle.actions import call_close, call_finish, call_open
from workflows.call_lifecycle.states import CallState
from workflows.errors import WorkflowError
from workflows.opinion_review.actions import opinion_expire
from workflows.opinion_review.states import OpinionState
from workflows.plan_review.actions import plan_lapse
from workflows.plan_review.states import SETTLED_STATES, PlanState

logger = logging.getLogger(__name__)


def _each(objects: Iterable[Any], action: Callable[[Any], Any], what: str) -> dict[str, int]:
    """Run a system action on each object; a refusal (someone acted first) is skipped, an
    error is logged with the object and does not stop the others.

    The actions are committed in groups (each action is its own savepoint inside the
    group's transaction): one commit per group instead of one per object.
    """
    counts = {"done": 0, "refused": 0, "failed": 0}
    group: list[Any] = []
    for obj in objects:
        group.append(obj)
        if len(group) == settings.NOTIFICATIONS_TRANSITIONS_PER_COMMIT:
            _run_group(group, action, what, counts)
            group = []
    if group:
        _run_group(group, action, what, counts)
    return counts


def _run_group(
    group: list[Any], action: Callable[[Any], Any], what: str, counts: dict[str, int]
) -> None:
    with transaction.atomic():
        for obj in group:
            try:
                action(obj)
            except WorkflowError as refusal:
                counts["refused"] += 1
                logger.info("%s of %s #%s skipped: %s", what, obj._meta.model_name, obj.pk, refusal)
            except DatabaseError:
                raise
            except Exception:
                counts["failed"] += 1
                logger.exception("%s of %s #%s failed", what, obj._meta.model_name, obj.pk)
            else:
                counts["done"] += 1


# --- calls -------------------------------------------------------------------------------


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
        "opened": _each(
            calls_to_open(now),
            lambda call: call_open(call=call, comment=_("Opened on schedule.")),
            "open",
        ),
        "closed": _each(
            calls_to_close(now),
            lambda call: call_close(call=call, comment=_("Closed on schedule.")),
            "close",
        ),
        "finished": _each(
            calls_to_finish(local_date(now)),
            lambda call: call_finish(call=call, comment=_("Every plan is settled.")),
            "finish",
        ),
    }


# --- deadlines ---------------------------------------------------------------------------


def plans_to_lapse(today: dt.date) -> QuerySet[DevelopmentPlan]:
    """Returned plans whose completion deadline has passed (index: state, completion_due)."""
    return DevelopmentPlan.objects.filter(
        state=PlanState.RETURNED, completion_due__lt=today
    ).order_by("completion_due", "pk")


def opinions_to_expire(today: dt.date) -> QuerySet[MunicipalOpinion]:
    """Open opinions whose running deadline has passed, while the plan's clock runs
    (indexes: state, due_date and state, council_due)."""
    overdue = (
        Q(state__in=OPINION_OPEN, due_date__lt=today)
        | Q(state=OpinionState.AWAITING_COUNCIL, council_due__lt=today)
        | Q(state=OpinionState.AWAITING_COUNCIL, council_due__isnull=True, due_date__lt=today)
    )
    return (
        MunicipalOpinion.objects.filter(overdue)
        .filter(plan__state__in=CLOCK_RUNNING)
        .select_related("plan")
        .order_by("due_date", "pk")
    )


def deadlines_sweep(*, now: dt.datetime | None = None) -> dict[str, Any]:
    """Lapse overdue returned plans, record overdue opinions as not given (the plan moves
    on and the regional office is told), then make today's reminders."""
    today = local_date(now or timezone.now())
    cap = settings.NOTIFICATIONS_TRANSITIONS_PER_RUN
    return {
        "lapsed": _each(plans_to_lapse(today)[:cap], lambda p: plan_lapse(plan=p), "lapse"),
        "expired": _each(
            opinions_to_expire(today)[:cap], lambda o: opinion_expire(opinion=o), "expire"
        ),
        "reminders": reminders_create(today=today),
    }
