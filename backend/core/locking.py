"""Row locks for the actions: two users acting at once are serialised, and the second sees
the state the first left behind."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.db import models, transaction

from backend.core.bulk_inserts import inserts_deferred
from backend.core.commit_hooks import pending_on_commit

M = TypeVar("M", bound=models.Model)

_LOCK_ATTR = "_zsss_lock"


class _HeldLock:
    """Registered as a no-op commit callback of the transaction that took the lock: Django
    drops it when that transaction ends, or when the savepoint it was taken in rolls back
    (which also releases the row lock), so its presence says the lock is still held."""

    def __call__(self) -> None:
        pass


def _holds_lock(instance: models.Model) -> bool:
    held = getattr(instance, _LOCK_ATTR, None)
    return held is not None and pending_on_commit(lambda callback: callback is held)


def _foreign_keys(instance: models.Model) -> list[models.ForeignKey[Any, Any]]:
    return [
        field
        for field in instance._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.many_to_one
    ]


def _locked_rows(model: type[M], paths: list[str]) -> models.QuerySet[M]:
    """The model's rows read under a row lock (of its own table only), with the related rows
    `paths` name read along."""
    rows = model._default_manager.select_for_update(of=("self",))
    # `select_related()` without a path follows every non-null foreign key, several levels
    # deep: a lock of a plan with nothing cached would read its call, region, period,
    # provider, service and more.
    return rows.select_related(*paths) if paths else rows


def lock(instance: M, *, attach: Iterable[models.Model] = (), related: Iterable[str] = ()) -> M:
    """Re-read `instance` under a row lock (SELECT … FOR UPDATE) inside the transaction.

    An instance this transaction has already locked is returned as it is: the actions lock
    their object and call each other, and a second read would only repeat the first. The
    related rows the caller had loaded (`select_related`) are read again in the same query,
    without being locked, as a later access would read them, and so are those named in
    `related` (`select_related` paths: what the caller will show of the locked row); those in
    `attach` (rows this transaction has locked, such as an opinion's plan) are set in their
    place instead."""
    if _holds_lock(instance):
        return instance
    attach = list(attach)
    attached = {type(other) for other in attach}
    fields = _foreign_keys(instance)
    reread = [
        field.name
        for field in fields
        if field.is_cached(instance) and field.related_model not in attached
    ]
    locked = _locked_rows(type(instance), [*reread, *related]).get(pk=instance.pk)
    for field in fields:
        for other in attach:
            if (
                isinstance(other, field.related_model)
                and getattr(locked, field.attname) == other.pk
            ):
                field.set_cached_value(locked, other)
    return lock_taken(locked)


def lock_taken(instance: M) -> M:
    """Remember that `instance` was read under a row lock (`select_for_update`) by the current
    transaction: `lock` then returns it as it is. A view that looks its object up with the
    lock (in a transaction that runs the action) spares the action a second read of the row."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a row lock is held only inside transaction.atomic()")
    held = _HeldLock()
    transaction.on_commit(held)
    setattr(instance, _LOCK_ATTR, held)
    return instance


# True while the caller's transaction runs nothing after the action it calls (`action_last`).
_ACTION_LAST: ContextVar[bool] = ContextVar("action_last", default=False)


@contextmanager
def action_last() -> Iterator[None]:
    """The caller's transaction ends with the action called inside the block: an error in
    the action rolls that whole transaction back, so the action's own transaction
    (`atomic_action`) needs no savepoint of its own (two round trips of every request that
    runs an action at the client's version: `backend.machines.versioning.run_at_version`)."""
    token = _ACTION_LAST.set(True)
    try:
        yield
    finally:
        _ACTION_LAST.reset(token)


@contextmanager
def atomic_action() -> Iterator[None]:
    """The transaction of a workflow action: `transaction.atomic()`, a savepoint when it is
    nested, except for the first action inside `action_last()` (the actions that one calls,
    and any other caller's, keep theirs: a caller may catch their errors and go on).

    The append-only rows the action writes (its transition logs, events and field history)
    are inserted together when it ends (`inserts_deferred`): an opinion issued and the plan
    it routes on write their two logs and two events in two INSERTs, not four."""
    last = _ACTION_LAST.get()
    if last:
        _ACTION_LAST.set(False)
    with transaction.atomic(savepoint=not last), inserts_deferred():
        yield


def lock_all(instances: Iterable[M], *, attach: Iterable[models.Model] = ()) -> list[M]:
    """`lock` for many rows of one model in one query: each re-read under a row lock
    (SELECT … FOR UPDATE, in primary-key order so two callers cannot deadlock on them) and
    returned in the order given, one instance per row. Instances this transaction has already
    locked are returned as they are; the related rows in `attach` (locked by this transaction
    before) are set in place of the fresh reads, as `lock` does."""
    instances = list(instances)
    wanted = [obj.pk for obj in instances if not _holds_lock(obj)]
    if not wanted:
        return instances
    model = type(instances[0])
    attach = list(attach)
    fields = [
        field
        for field in _foreign_keys(instances[0])
        if field.is_cached(instances[0])
        and not any(isinstance(o, field.related_model) for o in attach)
    ]
    rows = (
        _locked_rows(model, [field.name for field in fields])
        .filter(pk__in=set(wanted))
        .order_by("pk")
    )
    attached = {(type(other), other.pk): other for other in attach}
    locked: dict[Any, M] = {}
    for row in rows:
        for field in _foreign_keys(row):
            other = attached.get((field.related_model, getattr(row, field.attname)))
            if other is not None:
                field.set_cached_value(row, other)
        locked[row.pk] = lock_taken(row)
    return [obj if _holds_lock(obj) else locked.get(obj.pk, obj) for obj in instances]
