"""Row locks for the actions: two users acting at once are serialised, and the second sees
the state the first left behind."""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def _foreign_keys(instance: models.Model) -> list[models.ForeignKey[Any, Any]]:
    return [
        field
        for field in instance._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.many_to_one
    ]


def lock(instance: M, *, attach: Iterable[models.Model] = ()) -> M:
    """Re-read `instance` under a row lock (SELECT … FOR UPDATE) inside the transaction.

    Every call reads the row: an action that calls another locks it again (one query). The
    related rows the caller had loaded (`select_related`) are read again in the same query,
    without being locked, as a later access would read them; those in `attach` (rows this
    transaction has locked, such as an opinion's plan) are set in their place instead."""
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
    return locked
