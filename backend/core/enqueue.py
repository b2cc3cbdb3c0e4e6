"""Putting tasks on the broker — only after the transaction commits, and never at the cost
of the request: when the broker (Redis) is down the web keeps working, and the outbox drain
sends what is waiting once the broker is back.

A task is given as the task itself or by its registered name: a low layer (the outbox in
`backend/events/`) names the task of a layer above it that consumes its work without
importing it."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from celery import current_app
from kombu.exceptions import KombuError, OperationalError

from backend.core.commit_hooks import on_commit_once

logger = logging.getLogger(__name__)

_inline: ContextVar[bool] = ContextVar("enqueue_inline", default=False)

# What a publish raises while the broker is unreachable.
BROKER_DOWN = (OperationalError, KombuError, ConnectionError, OSError)


@contextmanager
def inline_delivery() -> Iterator[None]:
    """Within the block nothing is put on the broker: the caller (the `run_deadline_checks`
    command) drains the outbox and sends the e-mails itself, at once."""
    token = _inline.set(True)
    try:
        yield
    finally:
        _inline.reset(token)


def delivering_inline() -> bool:
    return _inline.get()


def task_named(name: str) -> Any:
    """The registered task called `name`. A web process has not imported every app's
    `tasks.py` (only the worker autodiscovers them): then they are imported the way the
    worker does it; a name still unknown is sent as a bare message."""
    registry = current_app.tasks
    if name not in registry:
        current_app.loader.import_default_modules()
    return registry[name] if name in registry else current_app.signature(name)


def enqueue(task: Any, *args: Any) -> bool:
    """Publish `task(*args)` now (`task` or its registered name); False (and a warning)
    when the broker is unreachable."""
    if _inline.get():
        return False
    name = task if isinstance(task, str) else task.name
    try:
        (task_named(task) if isinstance(task, str) else task).apply_async(args=args, retry=False)
    except BROKER_DOWN as error:
        logger.warning(
            "Broker unreachable, %s%r not queued (the outbox drain will catch up): %s",
            name,
            args,
            error,
        )
        return False
    return True


def enqueue_on_commit(task: Any, *args: Any) -> None:
    """Publish `task(*args)` (`task` or its registered name) once the current transaction
    commits (at once outside one); the same task with the same arguments is queued once per
    transaction, so a transaction that changes fifty plans queues one outbox drain, not
    fifty."""
    on_commit_once(("enqueue", task, args), lambda: enqueue(task, *args))
