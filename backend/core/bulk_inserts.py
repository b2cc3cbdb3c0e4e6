"""Append-only rows of a batch of actions inserted together: one `bulk_create` per model
instead of one INSERT per row.

Inside `inserts_deferred()` (a deadline sweep's group of system transitions, all in one
transaction, and each workflow action: `backend.core.locking.atomic_action`) the records an
action appends and nothing reads back in that transaction —
the transition log, the outbox's events, the field history — are collected by
`insert_or_defer` and inserted when the block ends, still inside the transaction. Outside the
block `insert_or_defer` saves at once, as before.

A row appended inside a savepoint that rolls back (an action refused or failing half-way)
must not be inserted: each collected row registers a no-op `transaction.on_commit` marker,
and Django drops the markers of a rolled back savepoint with the savepoint
(`backend/core/commit_hooks.py`), so only rows whose marker is still pending are inserted.
The rows are inserted in the order they were appended; `bulk_create` sends no `pre_save` /
`post_save` signals, so only models without receivers that matter for an insert take this
path.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models, transaction

from backend.core.commit_hooks import still_pending

BATCH_SIZE = 500


class _Marker:
    """Registered as a no-op commit hook per collected row: its presence says the row's
    savepoint did not roll back."""

    __slots__ = ()

    def __call__(self) -> None:
        pass


_collected: ContextVar[list[tuple[_Marker, models.Model]] | None] = ContextVar(
    "bulk_inserts_collected", default=None
)


def insert_or_defer(row: models.Model) -> bool:
    """Collect the unsaved `row` for the enclosing `inserts_deferred()` block and return
    True; outside such a block (or outside a transaction) return False and leave the
    insert to the caller."""
    collected = _collected.get()
    if collected is None or not transaction.get_connection().in_atomic_block:
        return False
    marker = _Marker()
    transaction.on_commit(marker)
    collected.append((marker, row))
    return True


@contextmanager
def inserts_deferred() -> Iterator[None]:
    """Collect the append-only rows of the block and insert those that survived (their
    savepoint did not roll back) when it ends without an error. Must run inside a
    transaction that outlives it, so the rows commit or roll back with the actions.

    A block inside another one adds its rows to the outer block's (a sweep's group runs
    actions, each of which opens a block of its own: `atomic_action`)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("inserts_deferred must run inside transaction.atomic()")
    if _collected.get() is not None:
        yield
        return
    collected: list[tuple[_Marker, models.Model]] = []
    token = _collected.set(collected)
    try:
        yield
    finally:
        _collected.reset(token)
    _insert(collected)


def _insert(collected: list[tuple[_Marker, models.Model]]) -> None:
    alive = still_pending(marker for marker, _row in collected)
    by_model: dict[type[models.Model], list[models.Model]] = {}
    for marker, row in collected:
        if id(marker) in alive:
            by_model.setdefault(type(row), []).append(row)
    for model, rows in by_model.items():
        model._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)
