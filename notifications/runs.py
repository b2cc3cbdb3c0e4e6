"""The scheduled jobs by name, each recording its last run for the schedule page, and
`run_all_now` for the `run_deadline_checks` command.

The jobs that change states run the workflows' own sweeps (`workflows/*/deadlines.py`);
this app adds the reminders, the outbox drain, the e-mails and the digest; the retention
purge is `backend.retention`'s."""

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.db.models import F
from django.utils import timezone

from backend.core.deadlines import local_date
from backend.core.enqueue import inline_delivery
from backend.retention.purge import retention_purge
from notifications.delivery import email_dispatch
from notifications.digest import daily_digest_create
from notifications.models import SweepStatus
from notifications.outbox import outbox_drain
from notifications.reminders import remedies_overdue_create, reminders_create
from workflows.call_lifecycle.deadlines import calls_sweep
from workflows.opinion_review.deadlines import opinions_expire_sweep
from workflows.plan_review.deadlines import plans_lapse_sweep

logger = logging.getLogger(__name__)


def _outbox(*, now: dt.datetime | None = None) -> dict[str, Any]:
    return {"outbox": outbox_drain(), "emails": email_dispatch()}


def deadlines_sweep(*, now: dt.datetime | None = None) -> dict[str, Any]:
    """Lapse overdue returned plans, record overdue opinions as not given (the plan moves
    on and the regional office is told), then make today's reminders and tell the regional
    office of reservations whose remedy date passed."""
    today = local_date(now or timezone.now())
    return {
        "lapsed": plans_lapse_sweep(today=today),
        "expired": opinions_expire_sweep(today=today),
        "reminders": reminders_create(today=today),
        "remedies_overdue": remedies_overdue_create(today=today),
    }


def _deadlines(*, now: dt.datetime | None = None) -> dict[str, Any]:
    return deadlines_sweep(now=now)


def _calls(*, now: dt.datetime | None = None) -> dict[str, Any]:
    return calls_sweep(now=now)


def _digest(*, now: dt.datetime | None = None) -> dict[str, Any]:
    return daily_digest_create(now=now)


def _retention(*, now: dt.datetime | None = None) -> dict[str, Any]:
    return retention_purge(now=now or timezone.now(), dry_run=False).as_dict()


# name → (task name, job); the order is the order `run_all_now` runs them in.
JOBS: dict[str, tuple[str, Callable[..., dict[str, Any]]]] = {
    "calls": ("notifications.tasks.calls_sweep_task", _calls),
    "deadlines": ("notifications.tasks.deadlines_sweep_task", _deadlines),
    "outbox": ("notifications.tasks.outbox_drain_task", _outbox),
    "digest": ("notifications.tasks.daily_digest_task", _digest),
    "retention": ("notifications.tasks.retention_purge_task", _retention),
}


def job_run(name: str, *, now: dt.datetime | None = None) -> dict[str, Any]:
    """Run one job and record its start, end, result or error."""
    task, job = JOBS[name]
    started = timezone.now()
    SweepStatus.objects.get_or_create(name=name, defaults={"task": task})
    try:
        result = job(now=now)
    except Exception as error:
        SweepStatus.objects.filter(name=name).update(
            last_started_at=started,
            last_finished_at=timezone.now(),
            last_ok=False,
            last_error=repr(error)[:2000],
            run_count=F("run_count") + 1,
        )
        logger.exception("Scheduled job %s failed", name)
        raise
    SweepStatus.objects.filter(name=name).update(
        last_started_at=started,
        last_finished_at=timezone.now(),
        last_ok=True,
        last_result=result,
        last_error="",
        run_count=F("run_count") + 1,
    )
    return result


def run_all_now(*, digest: bool = True) -> dict[str, Any]:
    """Every job once, in order, delivering inline (no broker, no worker needed): calls,
    deadlines, then the outbox (notices of what the sweeps changed) and the e-mails."""
    with inline_delivery():
        results = {name: job_run(name) for name in JOBS if digest or name != "digest"}
        # The digest and late sweeps may have made notices after the outbox ran.
        results["outbox (again)"] = job_run("outbox")
    return results
