"""Guards: pure conditions of a transition that can say why they fail.

A `Guard` is a callable usable in django-fsm's `conditions=[...]`; `unmet_reasons` asks each
guard of a transition for its reason so a refusal explains itself.
"""

from collections.abc import Callable, Iterable
from typing import Generic, TypeVar, cast, overload

from django.db import models
from django.utils.functional import Promise

# What a guard reads of the machine's object: the model, or a Protocol of what it needs.
T = TypeVar("T")

Reason = str | Promise | Callable[[T], str]


class Guard(Generic[T]):
    def __init__(self, check: Callable[[T], bool], reason: Reason[T]) -> None:
        self.check = check
        self.reason = reason
        self.__name__ = check.__name__
        self.__doc__ = check.__doc__

    # django-fsm calls a condition with any model (its signature); a transition's guards are
    # given the object of the machine that declares them, which is a `T`.
    def __call__(self, instance: models.Model) -> bool:
        return bool(self.check(cast(T, instance)))

    def explain(self, instance: models.Model) -> str:
        reason = self.reason
        return str(reason(cast(T, instance)) if callable(reason) else reason)


@overload
def guard(reason: str | Promise) -> Callable[[Callable[[T], bool]], Guard[T]]: ...
@overload
def guard(reason: Callable[[T], str]) -> Callable[[Callable[[T], bool]], Guard[T]]: ...
def guard(reason: Reason[T]) -> Callable[[Callable[[T], bool]], Guard[T]]:
    """Decorate a predicate `(instance) -> bool` with the reason shown when it is false."""

    def wrap(check: Callable[[T], bool]) -> Guard[T]:
        return Guard(check, reason)

    return wrap


def unmet_reasons(
    conditions: Iterable[Callable[[models.Model], bool]], instance: models.Model
) -> list[str]:
    reasons = []
    for condition in conditions:
        if not condition(instance):
            explain = getattr(condition, "explain", None)
            reasons.append(explain(instance) if explain else condition.__name__)
    return reasons
