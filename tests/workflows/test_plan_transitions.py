"""The development plan's transitions as a table: transition × source state × role.

For every cell: the permitted role in a source state gets the new state; any other role gets
TransitionForbidden (whatever the state, so a stranger learns nothing of it); the permitted
role in any other state gets TransitionConflict. A refusal leaves the row unchanged.
System-only transitions (route, lapse) are refused for every user and run only as the system.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from backend.core.deadlines import add_working_days
from backend.machines.errors import TransitionConflict, TransitionForbidden
from backend.machines.opinion_review.states import OpinionState
from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan
from tests import factories
from tests.helpers import reload, state_logs, transition_directly
from workflows.plan_review.actions import (
    plan_decide,
    plan_lapse,
    plan_resubmit,
    plan_return_for_completion,
    plan_route,
    plan_submit,
    plan_withdraw,
)
from workflows.running import available_transitions

pytestmark = pytest.mark.django_db

S = PlanState
ALL_STATES = list(PlanState)
USERS = [
    "provider_user",
    "other_provider_user",
    "municipal_officer",
    "council_secretary",
    "regional_officer",
    "stranger",
    "anonymous",
]
SYSTEM = "system"


def _yesterday() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=1)


@dataclass(frozen=True)
class Spec:
    name: str
    sources: tuple[str, ...]
    role: str | None  # the one role allowed; None for system-only transitions
    target: str
    run: Callable[[DevelopmentPlan, Any], DevelopmentPlan]
    overrides: Callable[[], dict[str, Any]] = field(default=dict)


def _decide(plan: DevelopmentPlan, by: Any) -> DevelopmentPlan:
    plan_decide(plan=plan, by=by, outcome=S.INCLUDED, **factories.DECISION_DEFAULTS)
    return reload(plan)


def _as_user_or_system(action: Callable[..., DevelopmentPlan], name: str) -> Callable[..., Any]:
    """System-only actions take no user: a user goes through the one door directly."""

    def run(plan: DevelopmentPlan, by: Any) -> DevelopmentPlan:
        if by is None:
            return action(plan)
        return transition_directly(plan, name, by=by)

    return run


def _route_as_system(plan: DevelopmentPlan) -> DevelopmentPlan:
    # plan_route skips plans that are not waiting for opinions; the one door refuses them.
    return transition_directly(plan, "route", by=None)


SPECS = [
    Spec(
        "submit",
        (S.DRAFT,),
        "provider_user",
        S.AWAITING_OPINION,
        lambda plan, by: plan_submit(plan=plan, by=by),
    ),
    Spec(
        "return_for_completion",
        (S.AWAITING_OPINION, S.AWAITING_COUNCIL, S.AWAITING_DECISION),
        "regional_officer",
        S.RETURNED,
        lambda plan, by: plan_return_for_completion(plan=plan, by=by, reason="Doložte rozpočet."),
    ),
    Spec(
        "resubmit",
        (S.RETURNED,),
        "provider_user",
        S.AWAITING_OPINION,
        lambda plan, by: plan_resubmit(plan=plan, by=by),
    ),
    Spec(
        "withdraw",
        (S.DRAFT, S.RETURNED, S.AWAITING_OPINION, S.AWAITING_COUNCIL, S.AWAITING_DECISION),
        "provider_user",
        S.WITHDRAWN,
        lambda plan, by: plan_withdraw(plan=plan, by=by, comment="Záměr odložen."),
    ),
    Spec("decide", (S.AWAITING_DECISION,), "regional_officer", S.INCLUDED, _decide),
    Spec(
        "lapse",
        (S.RETURNED,),
        None,
        S.LAPSED,
        _as_user_or_system(lambda plan: plan_lapse(plan=plan), "lapse"),
        overrides=lambda: {"completion_due": _yesterday()},
    ),
    Spec(
        "route",
        (S.AWAITING_OPINION, S.AWAITING_COUNCIL),
        None,
        S.AWAITING_DECISION,  # no opinion is open any more
        _as_user_or_system(_route_as_system, "route"),
    ),
]


def _cells() -> list[Any]:
    cells = []
    for spec in SPECS:
        for state in ALL_STATES:
            for role in [*USERS, *([SYSTEM] if spec.role is None else [])]:
                if role == SYSTEM:
                    expected = spec.target if state in spec.sources else TransitionConflict
                elif role != spec.role:
                    expected = TransitionForbidden
                elif state not in spec.sources:
                    expected = TransitionConflict
                else:
                    expected = spec.target
                cells.append(
                    pytest.param(spec, state, role, expected, id=f"{spec.name}-{state}-{role}")
                )
    return cells


@pytest.mark.parametrize(("spec", "state", "role", "expected"), _cells())
def test_plan_transition_matrix(
    request: pytest.FixtureRequest, service: Any, spec: Spec, state: str, role: str, expected: Any
) -> None:
    plan = factories.plan_in_state(state, service=service, **spec.overrides())
    by = None if role == SYSTEM else request.getfixturevalue(role)

    if isinstance(expected, type) and issubclass(expected, Exception):
        with pytest.raises(expected):
            spec.run(plan, by)
        assert reload(plan).state == state
        assert not state_logs(plan).exists()
    else:
        result = spec.run(plan, by)
        assert result.state == expected
        assert reload(plan).state == expected
        (log,) = state_logs(plan)
        assert (log.transition, log.source_state, log.state) == (spec.name, state, expected)


# --- what the matrix does not show ----------------------------------------------------------


def test_submit_records_the_time_and_asks_the_orp_seat_for_an_opinion(
    service: Any, provider_user: Any, liberec: Any, tanvald_orp: Any, tanvald: Any
) -> None:
    plan = factories.DevelopmentPlanFactory(
        service=service, orps=[factories.orp("5105"), tanvald_orp]
    )
    plan_submit(plan=plan, by=provider_user)
    plan = reload(plan)
    assert plan.submitted_at is not None
    opinions = plan.opinions.order_by("municipality__name")
    assert [(o.municipality, o.state) for o in opinions] == [
        (liberec, OpinionState.REQUESTED),
        (tanvald, OpinionState.REQUESTED),
    ]
    assert {o.due_date for o in opinions} == {plan.call.opinion_deadline}


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"capacity_requested": None}, "requested capacity"),
        ({"justification": "  "}, "justification"),
        ({"orps": []}, "territory"),
    ],
)
def test_an_incomplete_plan_cannot_be_submitted(
    service: Any, provider_user: Any, fields: dict[str, Any], missing: str
) -> None:
    plan = factories.DevelopmentPlanFactory(service=service, **fields)
    with pytest.raises(TransitionConflict) as caught:
        plan_submit(plan=plan, by=provider_user)
    assert missing in caught.value.reasons[0]
    assert reload(plan).state == S.DRAFT
    assert not plan.opinions.exists()


def test_return_for_completion_sets_the_reason_and_due_date(
    service: Any, regional_officer: Any
) -> None:
    plan = factories.plan_in_state(S.AWAITING_OPINION, service=service)
    plan_return_for_completion(plan=plan, by=regional_officer, reason="Doložte rozpočet.")
    plan = reload(plan)
    assert plan.return_reason == "Doložte rozpočet."
    assert plan.completion_due == add_working_days(timezone.localdate(), plan.call.completion_days)


def test_return_for_completion_needs_a_reason_and_a_future_due_date(
    service: Any, regional_officer: Any
) -> None:
    plan = factories.plan_in_state(S.AWAITING_DECISION, service=service)
    with pytest.raises(ValidationError) as caught:
        plan_return_for_completion(plan=plan, by=regional_officer, reason=" ")
    assert "reason" in caught.value.error_dict
    with pytest.raises(ValidationError) as caught:
        plan_return_for_completion(
            plan=plan, by=regional_officer, reason="Doplňte.", due=_yesterday()
        )
    assert "due" in caught.value.error_dict
    assert reload(plan).state == S.AWAITING_DECISION


def test_resubmit_after_opinions_were_given_goes_straight_to_the_decision(
    service: Any, provider_user: Any
) -> None:
    plan = factories.plan_in_state(S.RETURNED, service=service)
    factories.opinion_in_state(OpinionState.ISSUED, plan=plan)
    assert plan_resubmit(plan=plan, by=provider_user).state == S.AWAITING_DECISION
    assert reload(plan).completion_due is None


def test_resubmit_after_the_completion_deadline_is_refused(
    service: Any, provider_user: Any
) -> None:
    """The deadline decides, not whether the lapse task has run yet."""
    plan = factories.plan_in_state(S.RETURNED, service=service, completion_due=dt.date(2025, 6, 10))
    with time_machine.travel(dt.datetime(2025, 6, 10, 21, 0, tzinfo=dt.UTC), tick=False):
        # 23:00 in Prague on the due date: still on time.
        assert plan_resubmit(plan=plan, by=provider_user).state == S.AWAITING_OPINION

    late = factories.plan_in_state(S.RETURNED, service=service, completion_due=dt.date(2025, 6, 10))
    with (
        time_machine.travel(dt.datetime(2025, 6, 10, 22, 0, 1, tzinfo=dt.UTC), tick=False),
        pytest.raises(TransitionConflict),
    ):
        plan_resubmit(plan=late, by=provider_user)
    assert reload(late).state == S.RETURNED


def test_lapse_waits_for_the_completion_deadline(service: Any) -> None:
    plan = factories.plan_in_state(S.RETURNED, service=service)
    with pytest.raises(TransitionConflict) as caught:
        plan_lapse(plan=plan)
    assert "not passed" in caught.value.reasons[0]
    with time_machine.travel(
        timezone.now() + dt.timedelta(days=30), tick=False
    ):  # after the due date
        assert plan_lapse(plan=plan).state == S.LAPSED


def test_withdraw_cancels_the_open_opinions_only(
    service: Any, provider_user: Any, tanvald: Any
) -> None:
    plan = factories.plan_in_state(S.AWAITING_OPINION, service=service)
    issued = factories.opinion_in_state(OpinionState.ISSUED, plan=plan)
    open_ = factories.opinion_in_state(OpinionState.DRAFTED, plan=plan, municipality=tanvald)
    plan_withdraw(plan=plan, by=provider_user)
    assert reload(issued).state == OpinionState.ISSUED
    assert reload(open_).state == OpinionState.CANCELLED
    (log,) = state_logs(open_)
    assert log.transition == "cancel"
    assert log.by == provider_user


def test_plan_route_leaves_plans_that_wait_for_nothing_else(service: Any) -> None:
    for state in (S.RETURNED, S.AWAITING_DECISION):
        plan = factories.plan_in_state(state, service=service)
        assert plan_route(plan=plan, by=None, comment="").state == state
        assert not state_logs(plan).exists()


@pytest.mark.parametrize(
    ("state", "role", "expected"),
    [
        (S.DRAFT, "provider_user", ["submit", "withdraw"]),
        (S.DRAFT, "regional_officer", []),
        (S.AWAITING_DECISION, "regional_officer", ["decide", "return_for_completion"]),
        (S.AWAITING_DECISION, "provider_user", ["withdraw"]),
        (S.RETURNED, "provider_user", ["resubmit", "withdraw"]),
        (S.INCLUDED, "provider_user", []),
        (S.AWAITING_OPINION, "stranger", []),
    ],
)
def test_available_transitions(
    request: pytest.FixtureRequest, service: Any, state: str, role: str, expected: list[str]
) -> None:
    plan = factories.plan_in_state(state, service=service)
    user = request.getfixturevalue(role)
    assert sorted(available_transitions(plan, user)) == sorted(expected)
