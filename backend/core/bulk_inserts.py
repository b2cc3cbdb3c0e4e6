"""Append-only rows of a batch of actions inserted together: one pipelined statement per
model instead of one INSERT and its round trip per row.

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
The rows are inserted in the order they were appended, as `bulk_create` would write them
but with one short statement run for each row (`_execute`); no `pre_save` / `post_save`
signals are sent, so only models without receivers that matter for an insert take this
path.

`insert_values` is the leaner path for many rows known as plain values (the day's
reminders): no model instances, each given column prepared per row, every other column
its field's default prepared once.
"""

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import connections, models, router, transaction
from django.db.models.constants import OnConflict

from backend.core.commit_hooks import still_pending


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
        connection = connections[router.db_for_write(model)]
        # As bulk_create writes them: each value after its field's pre_save (auto_now_add).
        fields = _inserted_fields(model)
        _execute(
            connection,
            model,
            fields,
            [
                [field.get_db_prep_save(field.pre_save(row, True), connection) for field in fields]
                for row in rows
            ],
        )


def insert_values(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    same: Mapping[str, Any] | None = None,
    ignore_conflicts: bool = False,
) -> None:
    """Insert `rows`, each a tuple of values for `columns` (field names or attnames), with
    the values in `same` for every row and the field's default in each other column.

    What `bulk_create` does per row and field — build an instance, ask every field to
    prepare its value — is done here only for the given columns; the shared and default
    values are prepared once (the day's reminders, issue 23). No signals are
    sent, no primary keys returned. `ignore_conflicts` skips rows a unique constraint
    already holds, as `bulk_create(ignore_conflicts=True)` does."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    opts = model._meta
    given = [_column(opts, name) for name in columns]
    shared = {_column(opts, name): value for name, value in (same or {}).items()}
    taken = {field.attname for field in [*given, *shared]}
    for field in _inserted_fields(model):
        if field.attname not in taken:
            shared[field] = field.get_default()
    constant = [field.get_db_prep_save(value, connection) for field, value in shared.items()]
    _execute(
        connection,
        model,
        [*given, *shared],
        [
            [
                *(
                    field.get_db_prep_save(value, connection)
                    for field, value in zip(given, row, strict=True)
                ),
                *constant,
            ]
            for row in rows
        ],
        on_conflict=OnConflict.IGNORE if ignore_conflicts else None,
    )


def _execute(
    connection: Any,
    model: type[models.Model],
    fields: "list[models.Field[Any, Any]]",
    params: list[list[Any]],
    *,
    on_conflict: OnConflict | None = None,
) -> None:
    """One short INSERT of one row, run for each row's prepared values: psycopg pipelines
    it and parses the statement once, where `bulk_create`'s statement of 500 rows'
    placeholders is parsed anew for each batch."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    statement = (
        f"{connection.ops.insert_statement(on_conflict=on_conflict)} "
        f"{quote(model._meta.db_table)} ({columns}) VALUES ({placeholders}) "
        f"{connection.ops.on_conflict_suffix_sql(fields, on_conflict, None, None)}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(statement, params)


def _inserted_fields(model: type[models.Model]) -> "list[models.Field[Any, Any]]":
    """The columns an INSERT writes: every one but a generated column and a primary key the
    database assigns."""
    return [
        field
        for field in model._meta.concrete_fields
        if not field.generated and not (field.primary_key and field.db_returning)
    ]


def _column(opts: Any, name: str) -> "models.Field[Any, Any]":
    field = opts.get_field(name)
    if not isinstance(field, models.Field) or not field.concrete:
        raise ValueError(f"{opts.label}.{name} is not a column")
    return field
