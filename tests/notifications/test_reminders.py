"""Reminders 5 and 1 working days before each deadline, over Czech public holidays, each
made exactly once however often the sweep runs; obsolete ones are not e-mailed."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail

from backend.core.deadlines import end_of_day
from backend.machines.opinion_review.states import OpinionState
from backend.machines.plan_review.states import PlanState
from notifications.kinds import Kind
from notifications.models import EmailStatus, Notification
from notifications.reminders import reminder_windows
from notifications.runs import deadlines_sweep, run_all_now
from tests import factories
from tests.helpers import prague, reload
from tests.notifications.conftest import mails_to, notices, run_at
from workflows.deadlines import opinion_extend_deadline

pytestmark = pytest.mark.django_db

D = dt.date


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def _sweep_daily(days: list[dt.date], kind: str) -> dict[dt.date, list[str]]:
    """Run every job twice each morning; which reminders (by lead) appeared on which day."""
    seen: dict[dt.date, list[str]] = {}
    for day in days:
        before = set(Notification.objects.filter(kind=kind).values_list("pk", flat=True))
        for _ in range(2):
            run_at(prague(day.year, day.month, day.day, 6))
        new = Notification.objects.filter(kind=kind).exclude(pk__in=before)
        if new:
            seen[day] = sorted(new.values_list("occasion", flat=True))
    return seen


def test_windows_pick_the_most_urgent_lead() -> None:
    # Thursday 2 April 2026, before Good Friday and Easter Monday.
    (one, start1, after1), (five, start5, after5) = reminder_windows(D(2026, 4, 2), (5, 1))
    assert (one, start1, after1) == (1, D(2026, 4, 2), D(2026, 4, 8))
    assert (five, start5, after5) == (5, D(2026, 4, 8), D(2026, 4, 14))


@pytest.mark.parametrize(
    ("deadline", "five", "one"),
    [
        # Over Good Friday (3 Apr) and Easter Monday (6 Apr) 2026.
        (D(2026, 4, 7), D(2026, 3, 27), D(2026, 4, 2)),
        # Over Christmas (24–26 Dec 2026) and the weekend.
        (D(2026, 12, 29), D(2026, 12, 18), D(2026, 12, 28)),
        # A Saturday deadline after Liberation Day (Fri 8 May): 1 working day is left on
        # Thursday 14 May (only Friday counts), 5 on Thursday 7 May.
        (D(2026, 5, 16), D(2026, 5, 7), D(2026, 5, 14)),
    ],
)
def test_opinion_reminders_come_on_the_right_working_days(
    municipal_officer: Any, deadline: dt.date, five: dt.date, one: dt.date
) -> None:
    opinion = factories.opinion_in_state(OpinionState.REQUESTED, due_date=deadline)
    seen = _sweep_daily(_days(five - dt.timedelta(days=2), deadline), Kind.OPINION_REMINDER)
    assert seen == {five: ["5wd"], one: ["1wd"]}
    assert notices(kind=Kind.OPINION_REMINDER) == {(Kind.OPINION_REMINDER, "liberec"): 2}
    assert Notification.objects.filter(object_id=opinion.pk, deadline=deadline).count() == 2
    # Each reminder was e-mailed once, to the municipal officer.
    subjects = [m.subject for m in mails_to("liberec")]
    assert len(subjects) == 2
    assert all("Reminder: the opinion of Liberec is due by" in s for s in subjects)


def test_a_sweep_that_missed_days_sends_only_the_most_urgent_reminder(
    municipal_officer: Any,
) -> None:
    factories.opinion_in_state(OpinionState.REQUESTED, due_date=D(2026, 4, 7))
    run_at(prague(2026, 4, 2, 6))
    assert list(Notification.objects.values_list("occasion", flat=True)) == ["1wd"]


def test_completion_reminders_and_no_reminder_for_a_passed_deadline(
    provider_user: Any, service: Any
) -> None:
    plan = factories.plan_in_state(
        PlanState.RETURNED, service=service, completion_due=D(2026, 4, 7)
    )
    seen = _sweep_daily(_days(D(2026, 3, 25), D(2026, 4, 7)), Kind.COMPLETION_REMINDER)
    assert seen == {D(2026, 3, 27): ["5wd"], D(2026, 4, 2): ["1wd"]}
    assert mails_to("tulipan")[0].subject == "Reminder: complete the returned plan by 7 Apr 2026"
    assert "Doložte rozpočet." in mails_to("tulipan")[0].body
    assert reload(plan).state == PlanState.RETURNED


def test_draft_reminders_before_the_call_closes(provider_user: Any, service: Any) -> None:
    call = factories.CallFactory(
        open=True, opens_at=prague(2026, 3, 2), closes_at=end_of_day(D(2026, 4, 7))
    )
    factories.DevelopmentPlanFactory(call=call, service=service)
    submitted = factories.plan_in_state(PlanState.AWAITING_OPINION, call=call)
    seen = _sweep_daily(_days(D(2026, 3, 25), D(2026, 4, 7)), Kind.DRAFT_REMINDER)
    assert seen == {D(2026, 3, 27): ["5wd"], D(2026, 4, 2): ["1wd"]}
    assert not Notification.objects.filter(object_id=submitted.pk, kind=Kind.DRAFT_REMINDER)
    body = mails_to("tulipan")[0].body
    assert "7 Apr 2026 23:59:59" in body and "working days left" in body


def test_council_reminders_follow_the_council_deadline(council_secretary: Any) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_COUNCIL)
    factories.opinion_in_state(
        OpinionState.AWAITING_COUNCIL,
        plan=plan,
        due_date=D(2026, 3, 20),
        council_due=D(2026, 4, 7),
    )
    seen = _sweep_daily(_days(D(2026, 3, 25), D(2026, 4, 7)), Kind.COUNCIL_REMINDER)
    assert seen == {D(2026, 3, 27): ["5wd"], D(2026, 4, 2): ["1wd"]}
    assert notices(kind=Kind.COUNCIL_REMINDER) == {(Kind.COUNCIL_REMINDER, "liberec.rada"): 2}


def test_no_reminders_while_the_plan_is_with_its_provider(municipal_officer: Any) -> None:
    plan = factories.plan_in_state(PlanState.RETURNED, completion_due=D(2026, 5, 29))
    factories.opinion_in_state(OpinionState.REQUESTED, plan=plan, due_date=D(2026, 4, 7))
    _sweep_daily(_days(D(2026, 3, 25), D(2026, 4, 9)), Kind.OPINION_REMINDER)
    assert not Notification.objects.filter(kind=Kind.OPINION_REMINDER).exists()


def test_the_sweep_twice_the_same_day_changes_nothing(municipal_officer: Any) -> None:
    factories.opinion_in_state(OpinionState.REQUESTED, due_date=D(2026, 4, 7))
    first = run_at(prague(2026, 3, 27, 6), deadlines_sweep)
    second = run_at(prague(2026, 3, 27, 18), deadlines_sweep)
    assert first["reminders"] == {Kind.OPINION_REMINDER: 1}
    assert second["reminders"] == {}
    assert Notification.objects.count() == 1


def test_reminders_of_an_extended_deadline_follow_the_new_date(
    municipal_officer: Any, regional_officer: Any
) -> None:
    opinion = factories.opinion_in_state(OpinionState.REQUESTED, due_date=D(2026, 4, 7))
    run_at(prague(2026, 3, 27, 6))  # the 5-day reminder of 7 April is sent
    assert len(mail.outbox) == 1
    # The 1-day reminder is made on 2 April but, before it is e-mailed, the deadline moves.
    run_at(prague(2026, 4, 2, 6), deadlines_sweep)
    stale = Notification.objects.get(occasion="1wd")
    assert stale.email_status == EmailStatus.PENDING
    run_at(
        prague(2026, 4, 2, 7),
        opinion_extend_deadline,
        opinion=opinion,
        by=regional_officer,
        working_days=5,
        reason="Zasedání rady se přesouvá.",
    )
    assert reload(opinion).due_date == D(2026, 4, 14)
    run_at(prague(2026, 4, 2, 8))
    stale.refresh_from_db()
    assert stale.email_status == EmailStatus.SKIPPED
    assert "obsolete" in stale.email_note
    # The officer heard of the extension; reminders now follow 14 April.
    assert [m.subject for m in mail.outbox[1:]] == [
        "Deadline moved to 14 Apr 2026: " + str(opinion.plan)
    ]
    for day in _days(D(2026, 4, 3), D(2026, 4, 14)):
        run_at(prague(day.year, day.month, day.day, 6))
    assert sorted(
        Notification.objects.filter(
            kind=Kind.OPINION_REMINDER, deadline=D(2026, 4, 14)
        ).values_list("created_at__date", "occasion")
    ) == [(D(2026, 4, 7), "5wd"), (D(2026, 4, 13), "1wd")]


def test_every_job_twice_in_a_row_sends_nothing_twice(
    municipal_officer: Any, provider_user: Any, service: Any
) -> None:
    factories.opinion_in_state(OpinionState.REQUESTED, due_date=D(2026, 4, 7))
    factories.plan_in_state(PlanState.RETURNED, service=service, completion_due=D(2026, 4, 7))
    run_at(prague(2026, 4, 2, 6), run_all_now)
    counts = (Notification.objects.count(), len(mail.outbox))
    run_at(prague(2026, 4, 2, 6, 5), run_all_now)
    assert (Notification.objects.count(), len(mail.outbox)) == counts == (2, 2)
