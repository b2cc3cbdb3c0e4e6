"""Permission callables for django-fsm `permission=`: object-level rules via django-rules."""

from collections.abc import Callable
from typing import Any

Permission = Callable[[Any, Any], bool]


def rule(name: str) -> Permission:
    """Check the django-rules permission `name` for (user, object)."""

    def check(instance: Any, user: Any) -> bool:
        return bool(user.has_perm(name, instance))

    check.__name__ = name.replace(".", "_")
    return check


def system_only(instance: Any, user: Any) -> bool:
    """Transitions the system performs itself (deadlines, routing); no user may call them."""
    return False
