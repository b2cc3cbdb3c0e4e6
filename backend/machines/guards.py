"""Guards: pure conditions of a transition that can say why they fail.

A `Guard` is a callable usable in django-fsm's `conditions=[...]`; `unmet_reasons` asks each
guard of a transition for its reason so a refusal explains itself.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.functional import Promise

Reason = str | Promise | Callable[[Any], str]


class Guard:
    def __init__(self, check: Callable[[Any], bool], reason: Reason) -> None:
        self.check = check
        self.reason = reason
        self.__name__ = check.__name__
        self.__doc__ = check.__doc__

    def __call__(self, instance: Any) -> bool:
        return bool(self.check(instance))

    def explain(self, instance: Any) -> str:
        return str(self.reason(instance) if callable(self.reason) else self.reason)


def guard(reason: Reason) -> Callable[[Callable[[Any], bool]], Guard]:
    """Decorate a predicate `(instance) -> bool` with the reason shown when it is false."""

    def wrap(check: Callable[[Any], bool]) -> Guard:
        return Guard(check, reason)

    return wrap


def unmet_reasons(conditions: Iterable[Callable[[Any], bool]], instance: Any) -> list[str]:
    reasons = []
    for condition in conditions:
        if not condition(instance):
            explain = getattr(condition, "explain", None)
            reasons.append(explain(instance) if explain else condition.__name__)
    return reasons
