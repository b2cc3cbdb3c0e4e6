"""Where a plan goes after submission and after each opinion: the routing rules."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from typing import Any, Protocol

from backend.core.memo import memo_open
from backend.machines.opinion_review.states import OpinionState
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState


# What the routing reads of a plan (`backend.plans.models.DevelopmentPlan`), its call and
# its opinions (`backend.plans.models.MunicipalOpinion`, a manager or a queryset of them).
class PlanOpinions(Protocol):
    def order_by(self, *fields: str) -> "PlanOpinions": ...
    def values_list(self, *fields: str, flat: bool = False) -> Iterable[object]: ...


class RoutedCall(Protocol):
    @property
    def decrease_needs_opinion(self) -> bool: ...


class RoutedPlan(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def call(self) -> RoutedCall: ...
    @property
    def opinions(self) -> PlanOpinions: ...


def needs_opinions(plan: RoutedPlan) -> bool:
    """A capacity decrease needs municipal opinions only where the call says so."""
    return plan.kind != PlanKind.CAPACITY_DECREASE or plan.call.decrease_needs_opinion


# A plan (held with its answer, so no other object takes its id meanwhile) → the states of
# its opinions, while `opinion_states_remembered()` is open.
_remembered: ContextVar[dict[int, tuple[RoutedPlan, frozenset[object]]] | None] = ContextVar(
    "opinion_states_remembered", default=None
)


def opinion_states_remembered() -> AbstractContextManager[None]:
    """Inside the block `next_review_state` reads each plan's opinions once: the routing's
    check and the transition's target (django-fsm asks again) share one read. Open it only
    where the plan's opinions do not change inside."""
    return memo_open(_remembered)


# A plan's opinion states as its caller already holds them (None: not held, read them).
KnownStates = Callable[[RoutedPlan], Iterable[str] | None]
_known_states: ContextVar[KnownStates | None] = ContextVar("routing_known_states", default=None)


@contextmanager
def opinion_states_from(states: KnownStates) -> Iterator[None]:
    """Inside the block the routing takes a plan's opinion states from `states` instead of
    reading them: for a caller that read them for many plans at once, holds those plans
    locked (no opinion of theirs changes but through it) and keeps the states current (a
    deadline sweep's group, `workflows/opinion_review/deadlines.py`)."""
    token = _known_states.set(states)
    try:
        yield
    finally:
        _known_states.reset(token)


def _read_states(plan: RoutedPlan) -> frozenset[object]:
    known = _known_states.get()
    states = known(plan) if known is not None else None
    if states is None:
        return frozenset(plan.opinions.order_by().values_list("state", flat=True))
    return frozenset(states)


def _opinion_states(plan: RoutedPlan) -> frozenset[object]:
    remembered = _remembered.get()
    if remembered is not None and id(plan) in remembered:
        return remembered[id(plan)][1]
    states = _read_states(plan)
    if remembered is not None:
        remembered[id(plan)] = (plan, states)
    return states


def opinion_states_known(plan: RoutedPlan, states: Iterable[object]) -> None:
    """Inside `opinion_states_remembered()`, take `states` as those of the plan's opinions:
    the caller has just read them all and written the rest (the opinion requests of a
    submission, under the plan's lock). Outside the block, nothing."""
    remembered = _remembered.get()
    if remembered is not None:
        remembered[id(plan)] = (plan, frozenset(states))


def next_review_state(plan: RoutedPlan, *args: Any, **kwargs: Any) -> str:
    """Awaiting opinion while any opinion is open; then council; then the decision."""
    states = _opinion_states(plan)
    if states & {OpinionState.REQUESTED, OpinionState.DRAFTED}:
        return PlanState.AWAITING_OPINION
    if OpinionState.AWAITING_COUNCIL in states:
        return PlanState.AWAITING_COUNCIL
    return PlanState.AWAITING_DECISION
