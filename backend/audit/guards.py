"""Append-only records: the transition log, deadline changes, field history and the access
log are never changed or deleted, by anyone.

Three layers: the admin shows them read-only (`ReadOnlyAdmin`); the ORM refuses — saving an
existing row, deleting a row, `QuerySet.update()`/`.delete()` raise `AppendOnlyError`; on
PostgreSQL a trigger refuses UPDATE and DELETE (migration 0002), so even raw SQL cannot.
TRUNCATE stays possible (test database flushes, a deliberate full reset).
"""

from typing import Any

from django.db import models
from django.db.models.signals import pre_delete, pre_save


class AppendOnlyError(Exception):
    """An append-only record was about to be changed or deleted."""

    def __init__(self, model: type[models.Model], what: str = "changed") -> None:
        super().__init__(f"{model._meta.label} rows are append-only and cannot be {what}.")


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk writes that would bypass `save()`/`delete()` are refused too."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(self.model)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(self.model, "deleted")

    def _raw_delete(self, using: Any) -> int:
        raise AppendOnlyError(self.model, "deleted")


class AppendOnlyModel(models.Model):
    """Base for the audit app's own records: insert, read, nothing else."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(type(self))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError(type(self), "deleted")


def _refuse_change(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not instance._state.adding and not kwargs.get("raw", False):
        raise AppendOnlyError(sender)


def _refuse_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    raise AppendOnlyError(sender, "deleted")


def _guarded_queryset_class(base: type[models.QuerySet]) -> type[models.QuerySet]:
    if issubclass(base, AppendOnlyQuerySet):
        return base
    return type(f"AppendOnly{base.__name__}", (AppendOnlyQuerySet, base), {})


def guard_append_only(model: type[models.Model]) -> None:
    """Make a model's rows append-only in the ORM, also for models of other apps and
    libraries (django-fsm-log's StateLog) whose classes we do not own: signals refuse an
    update through `save()` and any delete; the model's managers hand out querysets whose
    `update()` and `delete()` refuse."""
    uid = f"append-only:{model._meta.label}"
    pre_save.connect(_refuse_change, sender=model, dispatch_uid=uid, weak=False)
    pre_delete.connect(_refuse_delete, sender=model, dispatch_uid=uid, weak=False)
    for manager in model._meta.managers:
        guarded = _guarded_queryset_class(type(manager.get_queryset()))

        def get_queryset(
            original: Any = manager.get_queryset, guarded: Any = guarded
        ) -> models.QuerySet:
            # The manager's own queryset (its filters kept) as the guarded class, through
            # QuerySet's documented constructor and public attributes.
            queryset = original()
            return guarded(model=queryset.model, query=queryset.query, using=queryset.db)

        manager.get_queryset = get_queryset  # type: ignore[method-assign]  # this manager's queryset, on purpose
