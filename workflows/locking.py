"""Row locks for the actions: two users acting at once are serialised, and the second sees
the state the first left behind."""

from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def lock(instance: M) -> M:
    """Re-read `instance` under a row lock (SELECT … FOR UPDATE) inside the transaction."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)
