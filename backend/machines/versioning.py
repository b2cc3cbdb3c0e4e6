"""Optimistic concurrency for the objects people act on (plans, opinions).

Every saved change bumps the row's `version` (like `auto_now` bumps a timestamp). A client
that read version 5 may send it back with its action: if someone changed the object in the
meantime, the action is refused with `StaleVersion` (HTTP 409) instead of acting on data the
client never saw. The check runs under the same row lock as the action, so of two requests
carrying the same version exactly one gets through.
"""

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from backend.core.locking import action_last, lock
from backend.machines.errors import TransitionConflict

M = TypeVar("M", bound="Versioned")
R = TypeVar("R")


class Versioned(models.Model):
    """Adds `version`, incremented on every save of an existing row."""

    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Incremented on every change; send it back to detect concurrent changes."),
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)


class StaleVersion(TransitionConflict):
    """The object changed since the client read it (HTTP 409)."""

    default_reason = _(
        "Someone else changed this object in the meantime. Load it again and repeat the action."
    )


def check_version(instance: Versioned, expected: int | None) -> None:
    """Raise StaleVersion unless `expected` is None or the (locked) row's version."""
    if expected is not None and instance.version != expected:
        raise StaleVersion()


def run_at_version(
    instance: M,
    expected: int | None,
    action: Callable[[M], R],
    *,
    lock_first: Iterable[models.Model] = (),
    related: Iterable[str] = (),
    last: bool = False,
) -> R:
    """Lock `instance` (after `lock_first`, keeping the actions' lock order; with the rows
    `related` names read along, see `lock`), check the version the client read and run
    `action` on the locked row in the same transaction.

    `last`: the caller's transaction ends with this call (an error rolls all of it back), so
    it needs no savepoint of its own — the API's transitions look their object up locked in
    the transaction they run it in (`backend.api.support.transition_atomic`)."""
    with transaction.atomic(savepoint=not last):
        locked = lock(instance, attach=[lock(other) for other in lock_first], related=related)
        check_version(locked, expected)
        with action_last():  # nothing follows the action here: its savepoint would be idle
            return action(locked)
