"""A notice on every transition: the outbox events become notifications for the people
involved (never the one who acted, except for the confirmation of a submission), exactly
once, after the transaction commits — and a broker that is down delays them but loses
nothing."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from kombu.exceptions import OperationalError

from backend.events.models import Event
from backend.machines.opinion_review.states import Verdict
from backend.machines.plan_review.states import PlanState
from backend.plans.choices import ResolutionOutcome
from notifications import tasks
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.outbox import outbox_drain
from notifications.rendering import notification_email
from tests import factories
from tests.notifications.conftest import notices
from workflows.opinion_review.actions import (
    opinion_draft,
    opinion_issue,
    opinion_record_resolution,
    opinion_send_to_council,
)
from workflows.plan_review.actions import (
    plan_decide,
    plan_resubmit,
    plan_return_for_completion,
    plan_submit,
    plan_withdraw,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(
    provider_user: Any,
    colleague: Any,
    municipal_officer: Any,
    council_secretary: Any,
    regional_officer: Any,
) -> dict[str, Any]:
    return {
        "provider": provider_user,
        "colleague": colleague,
        "officer": municipal_officer,
        "secretary": council_secretary,
        "region": regional_officer,
    }


def test_the_whole_review_notifies_each_step(service: Any, people: dict[str, Any]) -> None:
    plan = factories.DevelopmentPlanFactory(service=service)
    drained = 0

    def step(action: Any, **kwargs: Any) -> None:
        nonlocal drained
        action(**kwargs)
        drained += outbox_drain()["events"]  # as after each commit

    step(plan_submit, plan=plan, by=people["provider"])
    opinion = plan.opinions.get()
    step(opinion_draft, opinion=opinion, by=people["officer"], verdict=Verdict.SUPPORTS)
    step(opinion_send_to_council, opinion=opinion, by=people["officer"])
    step(
        opinion_record_resolution,
        opinion=opinion,
        by=people["secretary"],
        number="827/2017",
        meeting_date=dt.date(2017, 8, 29),
        outcome=ResolutionOutcome.APPROVED,
    )
    step(
        plan_decide,
        plan=plan,
        by=people["region"],
        outcome=PlanState.INCLUDED,
        **factories.DECISION_DEFAULTS,
    )
    assert drained == 7  # submit, draft, send, route, resolution, route, decide
    assert notices() == {
        # submit: a confirmation to each of the provider's users (the submitter too), and
        # the municipality is asked
        (Kind.SUBMISSION_CONFIRMED, "tulipan"): 1,
        (Kind.SUBMISSION_CONFIRMED, "tulipan.kolega"): 1,
        (Kind.OPINION_REQUESTED, "liberec"): 1,
        # the later steps: the colleague of each, the provider of those it did not cause
        (Kind.PLAN_CHANGED, "tulipan.kolega"): 4,
        # sent to the council: the provider's users (2 routes as well) and the secretary
        (Kind.PLAN_CHANGED, "tulipan"): 4,
        (Kind.PLAN_CHANGED, "liberec.rada"): 1,
        # the resolution recorded: the officer is told, the secretary acted
        (Kind.PLAN_CHANGED, "liberec"): 1,
        # the decision: provider and municipality
        (Kind.PLAN_DECIDED, "tulipan"): 1,
        (Kind.PLAN_DECIDED, "tulipan.kolega"): 1,
        (Kind.PLAN_DECIDED, "liberec"): 1,
    }
    assert not Event.objects.filter(processed_at__isnull=True).exists()
    # Draining again changes nothing.
    assert outbox_drain() == {"events": 0, "notices": 0, "failed": 0}
    assert Notification.objects.count() == 16


def test_submit_and_resubmit_confirm_once_to_each_of_the_providers_users(
    service: Any, people: dict[str, Any], other_provider_user: Any
) -> None:
    plan = factories.DevelopmentPlanFactory(service=service)
    plan_submit(plan=plan, by=people["provider"])
    outbox_drain()
    outbox_drain()  # a second drain makes nothing twice
    confirmations = {"kind": Kind.SUBMISSION_CONFIRMED}
    assert notices(**confirmations) == {
        (Kind.SUBMISSION_CONFIRMED, "tulipan"): 1,
        (Kind.SUBMISSION_CONFIRMED, "tulipan.kolega"): 1,
    }
    # Nobody else hears of the submission but the municipality asked for its opinion.
    assert set(notices()) - set(notices(**confirmations)) == {(Kind.OPINION_REQUESTED, "liberec")}
    opinion = plan.opinions.get()
    confirmation = Notification.objects.get(recipient=people["provider"])
    assert confirmation.context["transition"] == "submit"
    assert confirmation.context["opinions"] == [
        {"municipality": "Liberec", "council": False, "due": opinion.due_date.isoformat()}
    ]
    assert confirmation.context["decision_date"] == plan.call.decision_date.isoformat()
    email = notification_email(confirmation)  # what the e-mail dispatch sends
    assert email.to == ["tulipan@test.zsss.example"]
    assert email.subject == f"Submission confirmed: {plan}"
    assert "What happens next:" in email.body
    assert f"Liberec gives its opinion by {opinion.due_date:%-d %b %Y}" in email.body

    plan_return_for_completion(
        plan=plan, by=people["region"], reason="Doložte rozpočet.", due=dt.date(2099, 1, 30)
    )
    plan_resubmit(plan=plan, by=people["colleague"], comment="Doplněno.")
    Notification.objects.filter(kind=Kind.SUBMISSION_CONFIRMED).delete()
    outbox_drain()
    outbox_drain()
    assert notices(kind=Kind.SUBMISSION_CONFIRMED) == {
        (Kind.SUBMISSION_CONFIRMED, "tulipan"): 1,
        (Kind.SUBMISSION_CONFIRMED, "tulipan.kolega"): 1,
    }
    resubmitted = Notification.objects.get(
        kind=Kind.SUBMISSION_CONFIRMED, recipient=people["colleague"]
    )
    assert resubmitted.context["transition"] == "resubmit"
    assert not Notification.objects.filter(recipient=other_provider_user).exists()


def test_notices_of_a_return_say_what_and_by_when(service: Any, people: dict[str, Any]) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_OPINION, service=service)
    factories.opinion_in_state("requested", plan=plan)
    plan_return_for_completion(
        plan=plan, by=people["region"], reason="Doložte rozpočet.", due=dt.date(2099, 1, 30)
    )
    outbox_drain()
    assert notices() == {
        (Kind.PLAN_RETURNED, "tulipan"): 1,
        (Kind.PLAN_RETURNED, "tulipan.kolega"): 1,
        (Kind.PLAN_CHANGED, "liberec"): 1,
    }
    returned = Notification.objects.filter(kind=Kind.PLAN_RETURNED).first()
    assert returned.context["due"] == "2099-01-30"
    assert returned.context["comment"] == "Doložte rozpočet."


def test_withdrawal_tells_the_municipality(service: Any, people: dict[str, Any]) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_OPINION, service=service)
    factories.opinion_in_state("drafted", plan=plan)
    plan_withdraw(plan=plan, by=people["provider"], comment="Záměr odložen.")
    outbox_drain()
    assert notices() == {
        (Kind.PLAN_CHANGED, "tulipan.kolega"): 1,
        (Kind.PLAN_CHANGED, "liberec"): 1,
    }


def test_an_opinion_issued_reaches_the_provider(service: Any, people: dict[str, Any]) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_OPINION, service=service)
    opinion = factories.opinion_in_state("drafted", plan=plan, verdict=Verdict.DOES_NOT_SUPPORT)
    opinion_issue(opinion=opinion, by=people["officer"], comment="Nejsou prostředky.")
    outbox_drain()
    issued = Notification.objects.get(recipient=people["provider"], context__transition="issue")
    assert issued.context["verdict"] == Verdict.DOES_NOT_SUPPORT
    assert issued.context["municipality"] == "Liberec"


def test_a_failing_event_is_logged_and_does_not_block_the_others(
    service: Any,
    people: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from notifications import outbox

    first, second = (factories.DevelopmentPlanFactory(service=service) for _ in range(2))
    plan_submit(plan=first, by=people["provider"])
    plan_submit(plan=second, by=people["provider"])
    real = outbox.notices_for_event

    def route(event: Event) -> Any:
        if event.object_id == first.pk:
            raise KeyError("no template")
        return real(event)

    monkeypatch.setattr(outbox, "notices_for_event", route)
    assert outbox_drain()["failed"] == 1
    assert Notification.objects.filter(object_id=second.pk).exists()
    assert not Event.objects.filter(processed_at__isnull=True).exists()
    assert f"developmentplan #{first.pk}" in caplog.text


def test_notices_are_sent_only_after_the_commit(
    service: Any,
    people: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    plan = factories.DevelopmentPlanFactory(service=service)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        plan_submit(plan=plan, by=people["provider"])
        assert not Notification.objects.exists()
    assert callbacks  # the drain was queued on commit (and ran: eager in tests)
    assert notices() == {
        (Kind.SUBMISSION_CONFIRMED, "tulipan"): 1,
        (Kind.SUBMISSION_CONFIRMED, "tulipan.kolega"): 1,
        (Kind.OPINION_REQUESTED, "liberec"): 1,
    }
    assert sorted(m.to[0] for m in mail.outbox) == [
        "liberec@test.zsss.example",
        "tulipan.kolega@test.zsss.example",
        "tulipan@test.zsss.example",
    ]


def test_a_rolled_back_transition_queues_nothing(
    service: Any, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    plan = factories.DevelopmentPlanFactory(service=service)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        plan_submit(plan=plan, by=people["provider"])
        raise RuntimeError("the request failed after the transition")
    assert callbacks == []
    assert not Event.objects.exists()


def test_with_the_broker_down_the_submission_succeeds_and_the_notice_follows(
    service: Any,
    people: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def down(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")

    plan = factories.DevelopmentPlanFactory(service=service)
    with monkeypatch.context() as patched:
        patched.setattr(tasks.outbox_drain_task, "apply_async", down)
        with django_capture_on_commit_callbacks(execute=True):
            plan_submit(plan=plan, by=people["provider"])
    assert plan.opinions.exists()  # the submission went through
    assert "Broker unreachable" in caplog.text
    assert not Notification.objects.exists()
    # The broker is back: the scheduler's next drain sends what waited.
    tasks.outbox_drain_task.delay()
    assert notices() == {
        (Kind.SUBMISSION_CONFIRMED, "tulipan"): 1,
        (Kind.SUBMISSION_CONFIRMED, "tulipan.kolega"): 1,
        (Kind.OPINION_REQUESTED, "liberec"): 1,
    }
    assert len(mail.outbox) == 3


def test_a_transaction_of_many_changes_queues_one_drain(
    service: Any,
    people: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    queued: list[str] = []
    monkeypatch.setattr(tasks.outbox_drain_task, "apply_async", lambda **kw: queued.append("drain"))
    plans = [factories.DevelopmentPlanFactory(service=service) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for plan in plans:
            plan_submit(plan=plan, by=people["provider"])
    assert Event.objects.count() == 3
    assert queued == ["drain"]
