"""django-fsm-log's storage of the transition log, with the rows of a sweep inserted in bulk.

The library's `SimpleBackend` writes one `StateLog` row per transition with
`StateLog.objects.create(...)`. This backend builds the same row with the library's own
callback and hands it to `insert_or_defer` (`backend/core/bulk_inserts.py`): inside a
sweep's `inserts_deferred()` block the rows are inserted together at its end, elsewhere at
once, as before. Selected by `DJANGO_FSM_LOG_STORAGE_METHOD`.
"""

from typing import Any

from django_fsm_log.backends import SimpleBackend, _pre_transition_callback

from backend.core.bulk_inserts import insert_or_defer


class _Inserter:
    """The manager `_pre_transition_callback` writes through: `create(**values)`."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def create(self, **values: Any) -> Any:
        row = self.model(**values)
        if not insert_or_defer(row):
            row.save(force_insert=True)
        return row


class DeferrableBackend(SimpleBackend):
    """`SimpleBackend` whose rows may be inserted with the rest of a sweep's group."""

    @staticmethod
    def post_transition_callback(
        sender: Any, instance: Any, name: str, source: str, target: str, **kwargs: Any
    ) -> Any:
        from django_fsm_log.models import StateLog

        return _pre_transition_callback(
            sender, instance, name, source, target, _Inserter(StateLog), **kwargs
        )
