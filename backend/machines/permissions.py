"""Permission callables for django-fsm `permission=`: object-level rules via django-rules."""

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser, AnonymousUser, PermissionsMixin

# Whom django-fsm asks a transition's permission for: the signed-in user or an anonymous one.
PermissionUser: TypeAlias = "AbstractUser | AnonymousUser | PermissionsMixin"
Permission = Callable[[models.Model, PermissionUser], bool]


def rule(name: str) -> Permission:
    """Check the django-rules permission `name` for (user, object)."""

    def check(instance: models.Model, user: PermissionUser) -> bool:
        return bool(user.has_perm(name, instance))

    check.__name__ = name.replace(".", "_")
    return check


def system_only(instance: models.Model, user: PermissionUser) -> bool:
    """Transitions the system performs itself (deadlines, routing); no user may call them."""
    return False
