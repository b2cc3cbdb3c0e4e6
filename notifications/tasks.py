"""Celery tasks: thin, idempotent, taking ids; the work is in the services they call.

Every task is acknowledged late (a task lost with its worker runs again) and retried with
backoff on transient errors (the database or the mail server unreachable). A failure is
logged with the object it concerns.
"""

import logging
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from celery import Task, shared_task

from backend.config.celery import TASK_OPTIONS, TRANSIENT
from notifications.delivery import (
    TransientEmailError,
    email_dispatch,
    notification_email_send,
)
from notifications.runs import job_run

if TYPE_CHECKING:
    from billiard.einfo import ExceptionInfo

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")


class LoggedTask(Task[P, R]):
    """Logs a failure with the object the task concerns."""

    def on_failure(
        self,
        exc: Exception,
        task_id: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        einfo: "ExceptionInfo",
    ) -> None:
        concerns = kwargs.get("notification_id") or (args[0] if args else None)
        what = f"notification #{concerns}" if concerns else "scheduled job"
        logger.error("Task %s (%s) failed for %s: %r", self.name, task_id, what, exc)


@shared_task(base=LoggedTask, **TASK_OPTIONS)
def calls_sweep_task() -> dict[str, Any]:
    """Open and close calls on time; finish decided ones."""
    return job_run("calls")


@shared_task(base=LoggedTask, **TASK_OPTIONS)
def deadlines_sweep_task() -> dict[str, Any]:
    """Lapses, opinions not given, reminders."""
    return job_run("deadlines")


@shared_task(base=LoggedTask, **TASK_OPTIONS)
def outbox_drain_task() -> dict[str, Any]:
    """Notices of every domain event; queue the e-mails that wait."""
    return job_run("outbox")


@shared_task(base=LoggedTask, **TASK_OPTIONS)
def daily_digest_task() -> dict[str, Any]:
    """The regional officers' digest (working days)."""
    return job_run("digest")


@shared_task(base=LoggedTask, **TASK_OPTIONS)
def retention_purge_task() -> dict[str, Any]:
    """Personal data past its retention period removed or anonymised (nightly)."""
    return job_run("retention")


@shared_task(base=LoggedTask, **TASK_OPTIONS)
def email_dispatch_task() -> dict[str, int]:
    """Queue one send task per waiting e-mail."""
    return email_dispatch()


@shared_task(
    base=LoggedTask,
    **{**TASK_OPTIONS, "autoretry_for": (*TRANSIENT, TransientEmailError), "max_retries": 8},
)
def notification_send_task(notification_id: int) -> str:
    """Send one notification's e-mail, at most once."""
    return notification_email_send(notification_id=notification_id)
