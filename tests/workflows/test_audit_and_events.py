"""Every transition leaves exactly one audit row (django-fsm-log) and one outbox event; a
refused or failed transition leaves neither and changes nothing."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django_fsm_log.models import StateLog

from backend.events.models import Event
from backend.machines.errors import TransitionConflict, TransitionForbidden
from backend.machines.opinion_review.states import OpinionState, Verdict
from backend.machines.plan_review.states import PlanState
from backend.network.models import CapacityChange, NetworkEntry
from backend.plans.choices import ResolutionOutcome
from backend.plans.models import RegionalDecision
from tests import factories
from tests.helpers import events, prague, reload, state_logs
from workflows.call_lifecycle.actions import call_close, call_finish, call_open
from workflows.opinion_review.actions import (
    opinion_draft,
    opinion_expire,
    opinion_issue,
    opinion_record_resolution,
    opinion_send_to_council,
)
from workflows.plan_review.actions import (
    plan_decide,
    plan_lapse,
    plan_resubmit,
    plan_return_for_completion,
    plan_submit,
    plan_withdraw,
)

pytestmark = pytest.mark.django_db

P, OS = PlanState, OpinionState
MOMENT = prague(2025, 9, 15, 10, 30)


@dataclass
class Case:
    subject: Any
    run: Callable[[], Any]
    actor: Any
    transition: str
    source: str
    target: str
    comment: str = ""


def _people(request: pytest.FixtureRequest) -> Any:
    class People:
        def __getattr__(self, name: str) -> Any:
            return request.getfixturevalue(name)

    return People()


def _submit(u: Any) -> Case:
    plan = factories.DevelopmentPlanFactory(service=u.service)
    return Case(
        plan,
        lambda: plan_submit(plan=plan, by=u.provider_user),
        u.provider_user,
        "submit",
        P.DRAFT,
        P.AWAITING_OPINION,
    )


def _return(u: Any) -> Case:
    plan = factories.plan_in_state(P.AWAITING_DECISION, service=u.service)
    return Case(
        plan,
        lambda: plan_return_for_completion(
            plan=plan, by=u.regional_officer, reason="Doložte rozpočet."
        ),
        u.regional_officer,
        "return_for_completion",
        P.AWAITING_DECISION,
        P.RETURNED,
        "Doložte rozpočet.",
    )


def _resubmit(u: Any) -> Case:
    plan = factories.plan_in_state(P.RETURNED, service=u.service)
    return Case(
        plan,
        lambda: plan_resubmit(plan=plan, by=u.provider_user, comment="Rozpočet doložen."),
        u.provider_user,
        "resubmit",
        P.RETURNED,
        P.AWAITING_OPINION,
        "Rozpočet doložen.",
    )


def _withdraw(u: Any) -> Case:
    plan = factories.plan_in_state(P.AWAITING_OPINION, service=u.service)
    return Case(
        plan,
        lambda: plan_withdraw(plan=plan, by=u.provider_user, comment="Záměr odložen."),
        u.provider_user,
        "withdraw",
        P.AWAITING_OPINION,
        P.WITHDRAWN,
        "Záměr odložen.",
    )


def _decide(u: Any) -> Case:
    plan = factories.plan_in_state(P.AWAITING_DECISION, service=u.service)
    return Case(
        plan,
        lambda: plan_decide(
            plan=plan,
            by=u.regional_officer,
            outcome=P.INCLUDED_WITH_CONDITIONS,
            conditions="Doložit registraci do 31. 3.",
            **factories.DECISION_DEFAULTS,
        ),
        u.regional_officer,
        "decide",
        P.AWAITING_DECISION,
        P.INCLUDED_WITH_CONDITIONS,
        "Doložit registraci do 31. 3.",
    )


def _lapse(u: Any) -> Case:
    plan = factories.plan_in_state(
        P.RETURNED, service=u.service, completion_due=dt.date(2025, 9, 12)
    )
    return Case(
        plan,
        lambda: plan_lapse(plan=plan),
        None,
        "lapse",
        P.RETURNED,
        P.LAPSED,
        "Not completed by 12 Sep 2025.",
    )


def _draft(u: Any) -> Case:
    opinion = factories.opinion_in_state(OS.REQUESTED, plan__service=u.service)
    return Case(
        opinion,
        lambda: opinion_draft(opinion=opinion, by=u.municipal_officer, verdict=Verdict.SUPPORTS),
        u.municipal_officer,
        "draft",
        OS.REQUESTED,
        OS.DRAFTED,
    )


def _send_to_council(u: Any) -> Case:
    opinion = factories.opinion_in_state(OS.DRAFTED, plan__service=u.service, needs_council=True)
    return Case(
        opinion,
        lambda: opinion_send_to_council(opinion=opinion, by=u.municipal_officer),
        u.municipal_officer,
        "send_to_council",
        OS.DRAFTED,
        OS.AWAITING_COUNCIL,
    )


def _issue(u: Any) -> Case:
    opinion = factories.opinion_in_state(OS.DRAFTED, plan__service=u.service)
    return Case(
        opinion,
        lambda: opinion_issue(opinion=opinion, by=u.municipal_officer, comment="Podporujeme."),
        u.municipal_officer,
        "issue",
        OS.DRAFTED,
        OS.ISSUED,
        "Podporujeme.",
    )


def _record_resolution(u: Any) -> Case:
    opinion = factories.opinion_in_state(OS.AWAITING_COUNCIL, plan__service=u.service)
    return Case(
        opinion,
        lambda: opinion_record_resolution(
            opinion=opinion,
            by=u.council_secretary,
            number="827/2017",
            meeting_date=dt.date(2017, 8, 29),
            outcome=ResolutionOutcome.APPROVED,
        ),
        u.council_secretary,
        "record_resolution",
        OS.AWAITING_COUNCIL,
        OS.ISSUED,
        "resolution no. 827/2017 of 29 Aug 2017",
    )


def _expire(u: Any) -> Case:
    opinion = factories.opinion_in_state(
        OS.REQUESTED, plan__service=u.service, due_date=dt.date(2025, 9, 12)
    )
    return Case(
        opinion,
        lambda: opinion_expire(opinion=opinion),
        None,
        "expire",
        OS.REQUESTED,
        OS.NOT_GIVEN,
        "Not given by 12 Sep 2025.",
    )


def _cancel(u: Any) -> Case:
    plan = factories.plan_in_state(P.AWAITING_OPINION, service=u.service)
    opinion = factories.opinion_in_state(OS.DRAFTED, plan=plan)
    return Case(
        opinion,
        lambda: plan_withdraw(plan=plan, by=u.provider_user),
        u.provider_user,
        "cancel",
        OS.DRAFTED,
        OS.CANCELLED,
        "The plan was withdrawn.",
    )


def _call(name: str, source: str, target: str) -> Callable[[Any], Case]:
    action = {"open": call_open, "close": call_close, "finish": call_finish}[name]

    def build(u: Any) -> Case:
        call = factories.CallFactory(state=source)
        return Case(
            call,
            lambda: action(call=call, by=u.regional_officer, comment="Podle harmonogramu."),
            u.regional_officer,
            name,
            source,
            target,
            "Podle harmonogramu.",
        )

    return build


CASES = {
    "plan.submit": _submit,
    "plan.return_for_completion": _return,
    "plan.resubmit": _resubmit,
    "plan.withdraw": _withdraw,
    "plan.decide": _decide,
    "plan.lapse": _lapse,
    "opinion.draft": _draft,
    "opinion.send_to_council": _send_to_council,
    "opinion.issue": _issue,
    "opinion.record_resolution": _record_resolution,
    "opinion.expire": _expire,
    "opinion.cancel": _cancel,
    "call.open": _call("open", "planned", "open"),
    "call.close": _call("close", "open", "closed"),
    "call.finish": _call("finish", "closed", "finished"),
}


@pytest.mark.parametrize("build", CASES.values(), ids=CASES.keys())
def test_a_transition_writes_one_log_row_and_one_event(
    request: pytest.FixtureRequest, build: Callable[[Any], Case]
) -> None:
    with time_machine.travel(MOMENT, tick=False):
        case = build(_people(request))
        case.run()

    subject = reload(case.subject)
    assert subject.state == case.target

    (log,) = state_logs(subject)
    assert log.transition == case.transition
    assert (log.source_state, log.state) == (case.source, case.target)
    assert log.by == case.actor
    assert log.description == (case.comment or None)
    assert log.timestamp == MOMENT

    (event,) = events(subject)
    assert event.kind == f"{subject._meta.model_name}.{case.transition}"
    assert (event.transition, event.source_state, event.target_state) == (
        case.transition,
        case.source,
        case.target,
    )
    assert event.actor == case.actor
    assert event.comment == case.comment
    assert event.occurred_at == MOMENT
    assert event.processed_at is None


def test_event_kinds_name_the_model(service: Any, provider_user: Any) -> None:
    plan = factories.DevelopmentPlanFactory(service=service)
    plan_submit(plan=plan, by=provider_user)
    assert list(Event.objects.values_list("kind", flat=True)) == ["developmentplan.submit"]


def test_an_opinion_that_routes_its_plan_logs_both(
    service: Any, council_secretary: Any, municipal_officer: Any
) -> None:
    plan = factories.plan_in_state(P.AWAITING_COUNCIL, service=service)
    opinion = factories.opinion_in_state(OS.AWAITING_COUNCIL, plan=plan)
    opinion_record_resolution(
        opinion=opinion,
        by=council_secretary,
        number="827/2017",
        meeting_date=dt.date(2017, 8, 29),
        outcome=ResolutionOutcome.APPROVED,
    )
    assert [e.kind for e in Event.objects.order_by("id")] == [
        "municipalopinion.record_resolution",
        "developmentplan.route",
    ]
    (route,) = state_logs(plan)
    assert (route.transition, route.source_state, route.state, route.by) == (
        "route",
        P.AWAITING_COUNCIL,
        P.AWAITING_DECISION,
        council_secretary,
    )
    assert "Liberec" in route.description


# --- refusals leave no trace -----------------------------------------------------------------


def _nothing_written() -> None:
    assert not StateLog.objects.exists()
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("who", "state", "error"),
    [
        ("other_provider_user", P.DRAFT, TransitionForbidden),
        ("regional_officer", P.DRAFT, TransitionForbidden),
        ("provider_user", P.AWAITING_OPINION, TransitionConflict),
    ],
)
def test_refused_submit_writes_nothing(
    request: pytest.FixtureRequest, service: Any, who: str, state: str, error: type
) -> None:
    plan = factories.plan_in_state(state, service=service)
    with pytest.raises(error):
        plan_submit(plan=plan, by=request.getfixturevalue(who))
    assert reload(plan).state == state
    assert not plan.opinions.exists()
    _nothing_written()


def test_refused_guard_writes_nothing(service: Any, provider_user: Any) -> None:
    plan = factories.DevelopmentPlanFactory(service=service, justification="")
    with pytest.raises(TransitionConflict):
        plan_submit(plan=plan, by=provider_user)
    assert reload(plan).state == P.DRAFT
    _nothing_written()


@pytest.mark.parametrize(
    "bad",
    [{"body": "parliament"}, {"resolution_number": "1" * 31}],
    ids=["unknown-body", "number-too-long"],
)
def test_a_failure_after_the_transition_rolls_everything_back(
    service: Any, regional_officer: Any, bad: dict[str, str]
) -> None:
    """The decision row is validated after the transition ran; the atomic block undoes the
    state change, the log row and the event together."""
    plan = factories.plan_in_state(P.AWAITING_DECISION, service=service)
    with pytest.raises(ValidationError):
        plan_decide(
            plan=plan,
            by=regional_officer,
            outcome=P.INCLUDED,
            **{**factories.DECISION_DEFAULTS, **bad},
        )
    plan = reload(plan)
    assert plan.state == P.AWAITING_DECISION
    assert plan.decided_at is None
    assert not RegionalDecision.objects.exists()
    assert not NetworkEntry.objects.exists()
    assert not CapacityChange.objects.exists()
    _nothing_written()


def test_a_failed_withdrawal_keeps_the_opinions_open(
    service: Any, other_provider_user: Any
) -> None:
    plan = factories.plan_in_state(P.AWAITING_OPINION, service=service)
    opinion = factories.opinion_in_state(OS.DRAFTED, plan=plan)
    with pytest.raises(TransitionForbidden):
        plan_withdraw(plan=plan, by=other_provider_user)
    assert reload(opinion).state == OS.DRAFTED
    _nothing_written()
