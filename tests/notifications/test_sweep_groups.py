"""A deadline sweep's group runs without a savepoint per object and with the routing's
opinion states read once (issue 23): what it writes is what one action at a time wrote, a
plan is routed on only when its last open opinion is settled, a failing or refused object
costs only itself (the group runs again one by one), and a second run creates nothing."""

import datetime as dt
from typing import Any

import pytest
from django.db import OperationalError
from django_fsm_log.models import StateLog

from backend.events.models import Event
from backend.machines.errors import TransitionConflict
from backend.machines.opinion_review.states import OpinionState
from backend.machines.plan_review.states import PlanState
from backend.plans.models import MunicipalOpinion
from notifications.models import Notification
from tests import factories
from tests.helpers import events, reload, state_logs
from workflows.opinion_review import actions as opinion_actions
from workflows.opinion_review import deadlines as opinion_sweeps
from workflows.opinion_review.deadlines import opinions_expire_sweep
from workflows.plan_review.deadlines import plans_lapse_sweep

pytestmark = pytest.mark.django_db

D = dt.date
DAY = D(2026, 4, 8)


def _overdue(plan: Any, municipality: Any) -> MunicipalOpinion:
    return factories.opinion_in_state(
        OpinionState.REQUESTED, plan=plan, municipality=municipality, due_date=D(2026, 4, 7)
    )


def _awaiting(service: Any) -> Any:
    return factories.plan_in_state(PlanState.AWAITING_OPINION, service=service)


def _written() -> tuple[int, ...]:
    return (
        StateLog.objects.count(),
        Event.objects.count(),
        MunicipalOpinion.history.count(),
        Notification.objects.count(),
    )


def test_a_plan_is_routed_once_after_its_last_overdue_opinion(
    service: Any, liberec: Any, tanvald: Any
) -> None:
    plan = _awaiting(service)
    first, second = _overdue(plan, liberec), _overdue(plan, tanvald)
    assert opinions_expire_sweep(today=DAY) == {"done": 2, "refused": 0, "failed": 0}
    assert {reload(first).state, reload(second).state} == {OpinionState.NOT_GIVEN}
    plan = reload(plan)
    assert plan.state == PlanState.AWAITING_DECISION
    assert [log.transition for log in state_logs(plan)] == ["route"]
    assert plan.history.latest().version == plan.version


def test_an_opinion_still_open_keeps_its_plan_waiting(
    service: Any, liberec: Any, tanvald: Any
) -> None:
    plan = _awaiting(service)
    overdue = _overdue(plan, liberec)
    factories.opinion_in_state(
        OpinionState.REQUESTED, plan=plan, municipality=tanvald, due_date=D(2026, 4, 30)
    )
    assert opinions_expire_sweep(today=DAY)["done"] == 1
    assert reload(overdue).state == OpinionState.NOT_GIVEN
    assert reload(plan).state == PlanState.AWAITING_OPINION
    assert not state_logs(plan).exists()


def test_a_failure_half_way_loses_only_its_own_object(
    service: Any, liberec: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    opinions = [_overdue(_awaiting(service), liberec) for _ in range(3)]
    broken = opinions[1]
    real = opinion_actions.plan_route

    def route(*, plan: Any, by: Any, comment: str) -> Any:
        # Inside the action, after the opinion's transition wrote (or collected) its rows.
        if plan.pk == broken.plan_id:
            raise RuntimeError("disk full")
        return real(plan=plan, by=by, comment=comment)

    monkeypatch.setattr(opinion_actions, "plan_route", route)
    assert opinions_expire_sweep(today=DAY) == {"done": 2, "refused": 0, "failed": 1}
    assert f"expire of municipalopinion #{broken.pk} failed" in caplog.text
    broken = reload(broken)
    assert broken.state == OpinionState.REQUESTED
    assert reload(broken.plan).state == PlanState.AWAITING_OPINION
    assert not state_logs(broken).exists() and not events(broken).exists()
    assert not state_logs(broken.plan).exists() and not events(broken.plan).exists()
    assert broken.history.count() == 1  # the factory's row only
    for opinion in (opinions[0], opinions[2]):
        opinion = reload(opinion)
        assert opinion.state == OpinionState.NOT_GIVEN
        assert reload(opinion.plan).state == PlanState.AWAITING_DECISION
        assert [log.transition for log in state_logs(opinion)] == ["expire"]
        assert [e.kind for e in events(opinion.plan)] == ["developmentplan.route"]
    # The broken one is tried again on the next run, the others are not.
    monkeypatch.setattr(opinion_actions, "plan_route", real)
    assert opinions_expire_sweep(today=DAY) == {"done": 1, "refused": 0, "failed": 0}


def test_a_database_error_stops_the_sweep_instead_of_a_run_one_by_one(
    service: Any, liberec: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    opinions = [_overdue(_awaiting(service), liberec) for _ in range(2)]
    written = _written()

    def expire(*, opinion: MunicipalOpinion) -> MunicipalOpinion:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(opinion_sweeps, "opinion_expire", expire)
    # Raised to the task (which retries on it and logs it), not swallowed by a second pass.
    with pytest.raises(OperationalError):
        opinions_expire_sweep(today=DAY)
    assert "one by one" not in caplog.text
    assert _written() == written
    assert {reload(o).state for o in opinions} == {OpinionState.REQUESTED}


def test_a_refusal_is_counted_and_the_others_are_done(
    service: Any, liberec: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opinions = [_overdue(_awaiting(service), liberec) for _ in range(3)]
    real = opinion_sweeps.opinion_expire

    def expire(*, opinion: MunicipalOpinion) -> MunicipalOpinion:
        if opinion.pk == opinions[0].pk:
            raise TransitionConflict(["Someone acted first."])
        return real(opinion=opinion)

    monkeypatch.setattr(opinion_sweeps, "opinion_expire", expire)
    assert opinions_expire_sweep(today=DAY) == {"done": 2, "refused": 1, "failed": 0}
    assert reload(opinions[0]).state == OpinionState.REQUESTED
    assert {reload(o).state for o in opinions[1:]} == {OpinionState.NOT_GIVEN}


def test_a_lapse_cancels_the_open_opinions_it_locked_with_the_group(
    service: Any, liberec: Any, tanvald: Any
) -> None:
    plans = [
        factories.plan_in_state(PlanState.RETURNED, service=service, completion_due=D(2026, 4, 1))
        for _ in range(2)
    ]
    opinions = [
        factories.opinion_in_state(OpinionState.REQUESTED, plan=plan, municipality=town)
        for plan in plans
        for town in (liberec, tanvald)
    ]
    issued = factories.opinion_in_state(OpinionState.ISSUED, plan=plans[0], role="region")
    assert plans_lapse_sweep(today=DAY) == {"done": 2, "refused": 0, "failed": 0}
    assert {reload(plan).state for plan in plans} == {PlanState.LAPSED}
    for opinion in opinions:
        assert reload(opinion).state == OpinionState.CANCELLED
        assert [log.transition for log in state_logs(opinion)] == ["cancel"]
    assert reload(issued).state == OpinionState.ISSUED


def test_a_second_run_creates_nothing(service: Any, liberec: Any, tanvald: Any) -> None:
    for _ in range(3):
        _overdue(_awaiting(service), liberec)
    factories.plan_in_state(PlanState.RETURNED, service=service, completion_due=D(2026, 4, 1))
    plans_lapse_sweep(today=DAY)
    opinions_expire_sweep(today=DAY)
    before = _written()
    assert plans_lapse_sweep(today=DAY)["done"] == 0
    assert opinions_expire_sweep(today=DAY)["done"] == 0
    assert _written() == before
