"""The sweeps that change states: calls open and close at the boundary second, returned
plans lapse the day after their deadline, opinions not given are recorded and escalated —
each through the workflow's transition, logged as done by the system, and once."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core import mail

from backend.core.deadlines import end_of_day
from backend.machines.call_lifecycle.states import CallState
from backend.machines.opinion_review.states import OpinionState
from backend.machines.plan_review.states import PlanState
from notifications.kinds import Kind
from notifications.models import Notification, SweepStatus
from notifications.runs import deadlines_sweep
from tests import factories
from tests.helpers import events, prague, reload, state_logs
from tests.notifications.conftest import mails_to, notices, run_at
from workflows.call_lifecycle.actions import call_close
from workflows.call_lifecycle.deadlines import calls_sweep

pytestmark = pytest.mark.django_db

D = dt.date
SECOND = dt.timedelta(seconds=1)


# --- calls --------------------------------------------------------------------------------


@pytest.fixture
def planned_call() -> Any:
    return factories.CallFactory(
        opens_at=prague(2026, 3, 2, 8), closes_at=end_of_day(D(2026, 3, 13))
    )


def test_a_call_opens_at_its_first_second(planned_call: Any) -> None:
    run_at(prague(2026, 3, 2, 8) - SECOND, calls_sweep)
    assert reload(planned_call).state == CallState.PLANNED
    result = run_at(prague(2026, 3, 2, 8), calls_sweep)
    assert result["opened"]["done"] == 1
    assert reload(planned_call).state == CallState.OPEN
    (log,) = state_logs(planned_call)
    assert (log.transition, log.by, log.timestamp) == ("open", None, prague(2026, 3, 2, 8))


def test_a_call_closes_after_its_last_second(planned_call: Any) -> None:
    run_at(prague(2026, 3, 2, 8), calls_sweep)
    run_at(prague(2026, 3, 13, 23, 59, 59), calls_sweep)
    assert reload(planned_call).state == CallState.OPEN
    run_at(prague(2026, 3, 14), calls_sweep)
    assert reload(planned_call).state == CallState.CLOSED
    assert [log.transition for log in state_logs(planned_call)] == ["open", "close"]
    # Twice changes nothing.
    again = run_at(prague(2026, 3, 14, 0, 1), calls_sweep)
    assert again["closed"]["done"] == 0
    assert len(state_logs(planned_call)) == 2


def test_a_planned_call_whose_window_passed_is_closed_not_opened(planned_call: Any) -> None:
    run_at(prague(2026, 3, 20), calls_sweep)
    assert reload(planned_call).state == CallState.CLOSED
    assert [log.transition for log in state_logs(planned_call)] == ["close"]


def test_a_call_closed_by_hand_is_not_reopened(planned_call: Any, regional_officer: Any) -> None:
    call_close(call=planned_call, by=regional_officer, comment="Výzva zrušena.")
    run_at(prague(2026, 3, 5), calls_sweep)
    assert reload(planned_call).state == CallState.CLOSED
    assert len(state_logs(planned_call)) == 1


def test_a_call_finishes_after_its_decision_date_once_every_plan_is_settled(
    service: Any,
) -> None:
    call = factories.CallFactory(
        closed=True,
        opens_at=prague(2026, 3, 2, 8),
        closes_at=end_of_day(D(2026, 3, 13)),
        opinion_deadline_days=None,
        council_deadline_days=None,
        decision_date_days=None,
        decision_date_fixed=D(2026, 5, 29),
    )
    waiting = factories.plan_in_state(PlanState.AWAITING_DECISION, call=call, service=service)
    factories.plan_in_state(PlanState.INCLUDED, call=call, service=service)
    factories.DevelopmentPlanFactory(call=call, service=service)  # a draft never submitted
    run_at(prague(2026, 6, 1), calls_sweep)
    assert reload(call).state == CallState.CLOSED  # one plan still waits for its decision
    waiting.delete()
    run_at(prague(2026, 5, 29, 23), calls_sweep)
    assert reload(call).state == CallState.CLOSED  # not before the decision date has passed
    run_at(prague(2026, 5, 30), calls_sweep)
    assert reload(call).state == CallState.FINISHED


# --- lapse ----------------------------------------------------------------------------------


def test_a_returned_plan_lapses_the_day_after_its_deadline(
    provider_user: Any, service: Any, municipal_officer: Any
) -> None:
    plan = factories.plan_in_state(
        PlanState.RETURNED, service=service, completion_due=D(2026, 4, 10)
    )
    opinion = factories.opinion_in_state(OpinionState.DRAFTED, plan=plan, due_date=D(2026, 5, 4))
    run_at(prague(2026, 4, 10, 23, 59, 59))
    assert reload(plan).state == PlanState.RETURNED
    run_at(prague(2026, 4, 11))
    assert reload(plan).state == PlanState.LAPSED
    (log,) = state_logs(plan)
    assert (log.transition, log.by, log.description) == (
        "lapse",
        None,
        "Not completed by 10 Apr 2026.",
    )
    # The open opinion is no longer needed.
    assert reload(opinion).state == OpinionState.CANCELLED
    # The provider is told (legally relevant), the municipality too.
    assert notices(kind__in=[Kind.PLAN_LAPSED, Kind.PLAN_CHANGED]) == {
        (Kind.PLAN_LAPSED, "tulipan"): 1,
        (Kind.PLAN_CHANGED, "liberec"): 1,
    }
    # (The evening before, the last reminder went out: the deadline was that day.)
    assert [m.subject for m in mails_to("tulipan")] == [
        "Reminder: complete the returned plan by 10 Apr 2026",
        f"{plan} lapsed",
    ]
    # Twice changes nothing.
    run_at(prague(2026, 4, 11, 0, 10))
    run_at(prague(2026, 4, 12))
    assert len(state_logs(plan)) == 1
    assert len(mail.outbox) == 3
    assert [e.kind for e in events(plan)] == ["developmentplan.lapse"]


# --- opinions not given, escalation -----------------------------------------------------------


def test_an_opinion_not_given_moves_the_plan_on_and_is_escalated(
    provider_user: Any, service: Any, municipal_officer: Any, regional_officer: Any
) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_OPINION, service=service)
    opinion = factories.opinion_in_state(OpinionState.REQUESTED, plan=plan, due_date=D(2026, 4, 7))
    run_at(prague(2026, 4, 7, 23, 59, 59))
    assert reload(opinion).state == OpinionState.REQUESTED
    run_at(prague(2026, 4, 8))
    assert reload(opinion).state == OpinionState.NOT_GIVEN
    assert reload(plan).state == PlanState.AWAITING_DECISION
    (expire,) = state_logs(opinion)
    assert (expire.by, expire.description) == (None, "Not given by 7 Apr 2026.")
    assert notices(kind__in=[Kind.OPINION_NOT_GIVEN, Kind.ESCALATION]) == {
        (Kind.OPINION_NOT_GIVEN, "tulipan"): 1,
        (Kind.OPINION_NOT_GIVEN, "liberec"): 1,
        (Kind.ESCALATION, "kraj"): 1,
    }
    (escalation,) = mails_to("kraj")
    assert escalation.subject == "Escalation: the opinion of Liberec was not given by 7 Apr 2026"
    assert "awaiting regional decision" in escalation.body
    # Twice (and the next day) changes nothing.
    run_at(prague(2026, 4, 8, 0, 10))
    run_at(prague(2026, 4, 9))
    assert len(state_logs(opinion)) == 1
    assert Notification.objects.filter(kind=Kind.ESCALATION).count() == 1
    # The digest (run with every job) counts it among the opinions not given.
    assert [m.subject.split(":")[0] for m in mails_to("kraj")] == [
        "Escalation",
        "Daily digest of 8 Apr 2026",
    ]


def test_an_opinion_at_the_council_runs_to_the_council_deadline(
    council_secretary: Any, regional_officer: Any
) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_COUNCIL)
    opinion = factories.opinion_in_state(
        OpinionState.AWAITING_COUNCIL,
        plan=plan,
        due_date=D(2026, 3, 20),
        council_due=D(2026, 4, 7),
    )
    run_at(prague(2026, 4, 7, 12))
    assert reload(opinion).state == OpinionState.AWAITING_COUNCIL
    run_at(prague(2026, 4, 8, 6))
    assert reload(opinion).state == OpinionState.NOT_GIVEN
    (escalation,) = mails_to("kraj")
    assert escalation.subject.endswith("was not given by 7 Apr 2026")


def test_the_clock_of_a_returned_plan_is_stopped(municipal_officer: Any) -> None:
    plan = factories.plan_in_state(PlanState.RETURNED, completion_due=D(2026, 6, 1))
    opinion = factories.opinion_in_state(OpinionState.REQUESTED, plan=plan, due_date=D(2026, 4, 7))
    run_at(prague(2026, 4, 20), deadlines_sweep)
    assert reload(opinion).state == OpinionState.REQUESTED


def test_transitions_per_run_are_capped(settings: Any, service: Any) -> None:
    settings.NOTIFICATIONS_TRANSITIONS_PER_RUN = 2
    plans = [
        factories.plan_in_state(PlanState.RETURNED, service=service, completion_due=D(2026, 4, 1))
        for _ in range(3)
    ]
    first = run_at(prague(2026, 4, 8), deadlines_sweep)
    assert first["lapsed"] == {"done": 2, "refused": 0, "failed": 0}
    second = run_at(prague(2026, 4, 8, 0, 10), deadlines_sweep)
    assert second["lapsed"]["done"] == 1
    assert {reload(p).state for p in plans} == {PlanState.LAPSED}


def test_a_failing_object_is_logged_and_does_not_stop_the_others(
    service: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from workflows.plan_review import deadlines as sweeps

    broken, fine = (
        factories.plan_in_state(PlanState.RETURNED, service=service, completion_due=D(2026, 4, 1))
        for _ in range(2)
    )
    real = sweeps.plan_lapse

    def lapse(*, plan: Any) -> Any:
        if plan.pk == broken.pk:
            raise RuntimeError("disk full")
        return real(plan=plan)

    monkeypatch.setattr(sweeps, "plan_lapse", lapse)
    result = run_at(prague(2026, 4, 8), deadlines_sweep)
    assert result["lapsed"] == {"done": 1, "refused": 0, "failed": 1}
    assert reload(fine).state == PlanState.LAPSED
    assert f"lapse of developmentplan #{broken.pk} failed" in caplog.text


def test_each_job_records_its_last_run() -> None:
    run_at(prague(2026, 4, 8))
    status = {s.name: s for s in SweepStatus.objects.all()}
    assert set(status) == {"calls", "deadlines", "outbox", "digest", "retention"}
    assert all(s.last_ok for s in status.values())
    assert status["outbox"].run_count == 2  # and once more after the digest
    assert status["deadlines"].last_result["lapsed"] == {"done": 0, "refused": 0, "failed": 0}


def test_the_scheduler_health_check_follows_the_minute_jobs() -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("scheduler_health")
    run_at(prague(2026, 4, 8, 12))
    with time_machine.travel(prague(2026, 4, 8, 12, 4), tick=False):
        call_command("scheduler_health", "--max-age", "300")
    with (
        time_machine.travel(prague(2026, 4, 8, 12, 6), tick=False),
        pytest.raises(CommandError),
    ):
        call_command("scheduler_health", "--max-age", "300")
