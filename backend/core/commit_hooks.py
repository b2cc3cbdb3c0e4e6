"""Work the current transaction does once, after it commits — with Django's public API only.

`on_commit_once(key, callback)` runs `callback` once after the commit however many times the
transaction asks for it: raise the data version once for fifty saved rows, publish the
outbox drain once for fifty events. Every call registers a `transaction.on_commit` hook, so
Django's own rules decide which survive: a savepoint that rolls back drops the hooks it
registered, a transaction that rolls back drops them all. The hooks of one batch share a
flag, and the first to run does the work; the others return at once. A call outside a
transaction runs `callback` at once, as `on_commit` does.

(Until issue 18 this asked `connection.run_on_commit`, Django's private list of pending
hooks, whether a matching callback was already registered.)
"""

import threading
from collections.abc import Callable, Hashable
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
