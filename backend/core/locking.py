"""Row locks for the actions: two users acting at once are serialised, and the second sees
the state the first left behind."""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models, transaction

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


def lock(instance: M, *, attach: Iterable[models.Model] = ()) -> M:
    """Re-read `instance` under a row lock (SELECT … FOR UPDATE) inside the transaction.

    An instance this transaction has already locked is returned as it is: the actions lock
    their object and call each other, and a second read would only repeat the first. The
    related rows the caller had loaded (`select_related`) are read again in the same query,
    without being locked, as a later access would read them; those in `attach` (rows this
    transaction has locked, such as an opinion's plan) are set in their place instead."""
    if _holds_lock(instance):
        return instance
    attach = list(attach)
    attached = {type(other) for other in attach}
    fields = _foreign_keys(instance)
    locked = (
        type(instance)
        ._default_manager.select_for_update(of=("self",))
        .select_related(
            *[
                field.name
                for field in fields
                if field.is_cached(instance) and field.related_model not in attached
            ]
        )
        .get(pk=instance.pk)
    )
    for field in fields:
        for other in attach:
            if (
                isinstance(other, field.related_model)
                and getattr(locked, field.attname) == other.pk
            ):
                field.set_cached_value(locked, other)
    held = _HeldLock()
    transaction.on_commit(held)
    setattr(locked, _LOCK_ATTR, held)
    return locked
