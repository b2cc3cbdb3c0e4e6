"""What the current transaction does after it commits, and what it still holds.

`on_commit_once(key, callback)` runs `callback` once after the commit however many times the
transaction asks for it: publish the outbox drain once for fifty events. Every call registers a `transaction.on_commit` hook, so
Django's own rules decide which survive: a savepoint that rolls back drops the hooks it
registered, a transaction that rolls back drops them all. The hooks of one batch share a
flag, and the first to run does the work; the others return at once. A call outside a
transaction runs `callback` at once, as `on_commit` does. Public API only.

`pending_on_commit(matches)` and `still_pending(callbacks)` are the one place the code reads
Django's private list of pending hooks, `connection.run_on_commit`: whether a callback the transaction registered is
still to run says whether what it marks still holds — `lock()` (backend/core/locking.py)
remembers a row lock that way, since a savepoint that rolls back releases the lock and drops
the hooks registered in it at once; `backend/core/bulk_inserts.py` drops the rows a rolled
back savepoint appended the same way. Django has no public way to ask; the marker saves 13–21 %
of an opinion's transition (bench/README.md "Private internals (issue 18)").
tests/core/test_library_internals.py pins what it relies on, so a Django upgrade that
changes the list fails there.
"""

import threading
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from django.db import transaction

# Keys of batches whose transaction rolled back stay until the next batch of the same key; a
# thread asking for ever new keys is cut back here (at worst a callback then runs twice).
_MAX_KEYS = 1000


class _Batch:
    __slots__ = ("done",)

    def __init__(self) -> None:
        self.done = False


class _Hook:
    """One registration of a batch: runs the callback unless another one of the batch did."""

    __slots__ = ("batch", "callback", "key", "open")

    def __init__(self, batch: _Batch, key: Hashable, callback: Callable[[], Any], open: dict):
        self.batch, self.key, self.callback, self.open = batch, key, callback, open

    def __call__(self) -> None:
        if self.batch.done:
            return
        self.batch.done = True
        if self.open.get(self.key) is self.batch:
            del self.open[self.key]
        self.callback()


_local = threading.local()


def _open_batches() -> dict[Hashable, _Batch]:
    try:
        return _local.batches
    except AttributeError:
        _local.batches = {}
        return _local.batches


def on_commit_once(key: Hashable, callback: Callable[[], Any]) -> None:
    """Run `callback` once after the current transaction commits, however often it is asked
    for under `key` in that transaction (at once outside a transaction)."""
    batches = _open_batches()
    batch = batches.get(key)
    if batch is None or batch.done:
        if len(batches) >= _MAX_KEYS:
            batches.clear()
        batch = batches[key] = _Batch()
    transaction.on_commit(_Hook(batch, key, callback, batches))


def pending_on_commit(matches: Callable[[Callable[[], Any]], bool]) -> bool:
    """Whether a callback that `matches` waits for the current transaction's commit (never
    outside a transaction, where `on_commit` runs a callback at once)."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        matches(callback) for _, callback, _ in connection.run_on_commit
    )


def still_pending(callbacks: Iterable[Callable[[], Any]]) -> set[int]:
    """The ids of those of `callbacks` that still wait for the current transaction's commit
    (one pass over the pending hooks however many are asked about; none outside a
    transaction)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return set()
    asked = {id(callback) for callback in callbacks}
    return {id(callback) for _, callback, _ in connection.run_on_commit if id(callback) in asked}
