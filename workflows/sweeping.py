"""How the deadline sweeps (`workflows/*/deadlines.py`) change states: a system action
(by=None) on each object a set-based query selected, committed in groups. Running a sweep
twice changes nothing the second time.

A group's rows are locked together up front (one query per model instead of one per
object; the actions find them locked and do not read them again) and the append-only rows
its actions write — transition log, outbox events, field history — are inserted together
at the group's end (`backend/core/bulk_inserts.py`): the same rows, in the same
transaction, in a few statements instead of a few per object (issue 23).

A group first runs without a savepoint per object (two round trips each): any error rolls
the whole group back, and the group then runs again one object at a time, each in its own
savepoint, so a refused or failing object still costs only itself. The first pass may also
use what the group read at once (`prepare`: e.g. the opinion states the routing asks for),
which a rolled back savepoint would leave stale; the second pass does not."""

import logging
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from typing import TypeVar

from django.conf import settings
from django.db import DatabaseError, models, transaction

from backend.core.bulk_inserts import inserts_deferred
from backend.core.locking import action_last
from backend.machines.errors import WorkflowError

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=models.Model)


class _GroupFailed(Exception):
    """An action of a group run without savepoints raised: the group was rolled back."""


def each_by_system(
    objects: Iterable[M],
    action: Callable[[M], object],
    what: str,
    *,
    lock_group: Callable[[list[M]], list[M]] | None = None,
    prepare: Callable[[list[M]], AbstractContextManager[object]] | None = None,
) -> dict[str, int]:
    """Run a system action on each object; a refusal (someone acted first) is skipped, an
    error is logged with the object and does not stop the others.

    The actions are committed in groups: one commit per group instead of one per object.
    `lock_group` locks a group's rows (in the order the actions would) and returns them
    locked; `prepare` (given the locked rows) is a context the group's actions run in when
    they run without savepoints.
    """
    counts = {"done": 0, "refused": 0, "failed": 0}
    group: list[M] = []
    for obj in objects:
        group.append(obj)
        if len(group) == settings.NOTIFICATIONS_TRANSITIONS_PER_COMMIT:
            _run_group(group, action, what, counts, lock_group, prepare)
            group = []
    if group:
        _run_group(group, action, what, counts, lock_group, prepare)
    return counts


def _run_group(
    group: list[M],
    action: Callable[[M], object],
    what: str,
    counts: dict[str, int],
    lock_group: Callable[[list[M]], list[M]] | None,
    prepare: Callable[[list[M]], AbstractContextManager[object]] | None,
) -> None:
    try:
        _run_at_once(group, action, lock_group, prepare)
    except _GroupFailed:
        logger.info("%s: a group of %s objects is run again one by one", what, len(group))
        _run_one_by_one(group, action, what, counts, lock_group)
    else:
        counts["done"] += len(group)


def _run_at_once(
    group: list[M],
    action: Callable[[M], object],
    lock_group: Callable[[list[M]], list[M]] | None,
    prepare: Callable[[list[M]], AbstractContextManager[object]] | None,
) -> None:
    """Every action of the group in one transaction without savepoints; any error rolls
    the whole group back (`_GroupFailed`; a `DatabaseError` propagates). The objects given are not changed: the actions
    run on the locked copies, so a second pass reads the rows afresh."""
    try:
        with transaction.atomic(), inserts_deferred():
            locked = lock_group(group) if lock_group is not None else group
            with prepare(locked) if prepare is not None else nullcontext():
                for obj in locked:
                    # Nothing of the action's needs undoing alone: an error ends the group.
                    with action_last():
                        action(obj)
    except DatabaseError:
        # The database failed, not an object (a cut connection, a failover): the sweep stops
        # and its task is retried, as in the one-by-one pass, with the error in the log.
        raise
    except Exception as error:
        raise _GroupFailed() from error


def _run_one_by_one(
    group: list[M],
    action: Callable[[M], object],
    what: str,
    counts: dict[str, int],
    lock_group: Callable[[list[M]], list[M]] | None,
) -> None:
    """Each action in its own savepoint inside the group's transaction."""
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
