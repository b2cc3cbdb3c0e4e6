"""What the current transaction will run when it commits.

Django keeps the callbacks of `transaction.on_commit` in `connection.run_on_commit` as
(savepoint ids, callback, robust) entries, and drops them when the transaction ends or when
the savepoint they were registered in rolls back. Asking whether a callback is still
pending therefore answers "did this transaction, as it stands, already do X": raise the data
version, queue a task, lock a row.
"""

from collections.abc import Callable
from typing import Any

from django.db import transaction


def pending_on_commit(matches: Callable[[Callable[[], Any]], bool]) -> bool:
    """Whether a callback that `matches` waits for the current transaction's commit (never
    outside a transaction, where `on_commit` runs a callback at once)."""
    connection = transaction.get_connection()
    return connection.in_atomic_block and any(
        matches(callback) for _, callback, _ in connection.run_on_commit
    )
