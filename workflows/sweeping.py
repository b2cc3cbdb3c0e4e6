"""How the deadline sweeps (`workflows/*/deadlines.py`) change states: a system action
(by=None) on each object a set-based query selected, committed in groups. Running a sweep
twice changes nothing the second time.

A group's rows are locked together up front (one query per model instead of one per
object; the actions find them locked and do not read them again) and the append-only rows
its actions write — transition log, outbox events, field history — are inserted together
at the group's end (`backend/core/bulk_inserts.py`): the same rows, in the same
transaction, in a few statements instead of a few per object (issue 23)."""

import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.conf import settings
from django.db import DatabaseError, models, transaction

from backend.core.bulk_inserts import inserts_deferred
from backend.machines.errors import WorkflowError

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=models.Model)


def each_by_system(
    objects: Iterable[M],
    action: Callable[[M], object],
    what: str,
    *,
    lock_group: Callable[[list[M]], list[M]] | None = None,
) -> dict[str, int]:
    """Run a system action on each object; a refusal (someone acted first) is skipped, an
    error is logged with the object and does not stop the others.

    The actions are committed in groups (each action is its own savepoint inside the
    group's transaction): one commit per group instead of one per object. `lock_group`
    locks a group's rows (in the order the actions would) and returns them locked.
    """
    counts = {"done": 0, "refused": 0, "failed": 0}
    group: list[M] = []
    for obj in objects:
        group.append(obj)
        if len(group) == settings.NOTIFICATIONS_TRANSITIONS_PER_COMMIT:
            _run_group(group, action, what, counts, lock_group)
            group = []
    if group:
        _run_group(group, action, what, counts, lock_group)
    return counts


def _run_group(
    group: list[M],
    action: Callable[[M], object],
    what: str,
    counts: dict[str, int],
    lock_group: Callable[[list[M]], list[M]] | None,
) -> None:
    with transaction.atomic(), inserts_deferred():
        if lock_group is not None:
            group = lock_group(group)
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


def transitions_per_run() -> int:
    """At most this many state changes per sweep and run (the rest wait for the next)."""
    return int(settings.NOTIFICATIONS_TRANSITIONS_PER_RUN)
