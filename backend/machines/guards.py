"""Guards: pure conditions of a transition that can say why they fail.

A `Guard` is a callable usable in django-fsm's `conditions=[...]`; `unmet_reasons` asks each
guard of a transition for its reason so a refusal explains itself. Within
`guards_remembered()` each guard is evaluated once per object: a transition's guards are asked
by the action's check, by `run_transition` and by django-fsm itself, and some of them read the
database (the register's capacity, the call's forms).
"""

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from contextvars import ContextVar
from typing import Generic, TypeVar, cast, overload

from django.db import models
from django.utils.functional import Promise

from backend.core.memo import memo_open

# What a guard reads of the machine's object: the model, or a Protocol of what it needs.
T = TypeVar("T")

Reason = str | Promise | Callable[[T], str]

# (guard, object) → the object and the guard's answer, while `guards_remembered()` is open;
# keyed by identities, so the object is held with its answer: no other takes its id meanwhile.
_remembered: ContextVar[dict[tuple[int, int], tuple[object, bool]] | None] = ContextVar(
    "guards_remembered", default=None
)


def guards_remembered() -> AbstractContextManager[None]:
    """Evaluate each guard once per object inside the block (a nested block shares the outer
    one's answers). Open it only where the guarded objects do not change inside: around a
    check and the transition that follows it, before the transition's own changes."""
    return memo_open(_remembered)


class Guard(Generic[T]):
    def __init__(self, check: Callable[[T], bool], reason: Reason[T]) -> None:
        self.check = check
        self.reason = reason
        self.__name__ = check.__name__
        self.__doc__ = check.__doc__

    # django-fsm calls a condition with any model (its signature); a transition's guards are
    # given the object of the machine that declares them, which is a `T`.
    def __call__(self, instance: models.Model) -> bool:
        remembered = _remembered.get()
        if remembered is None:
            return bool(self.check(cast(T, instance)))
        key = (id(self), id(instance))
        if key not in remembered:
            remembered[key] = (instance, bool(self.check(cast(T, instance))))
        return remembered[key][1]

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
