"""E-mail delivery: claimed once, sent once, retried after transient failures, handed out
again when a worker died after claiming, skipped when unwanted."""

import datetime as dt
import smtplib
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone

from backend.machines.plan_review.states import PlanState
from notifications import tasks
from notifications.delivery import (
    TransientEmailError,
    email_dispatch,
    emails_waiting,
    notification_email_send,
)
from notifications.kinds import Kind
from notifications.models import EmailStatus, Notification
from notifications.services import notification_email_preferences_set
from tests import factories

pytestmark = pytest.mark.django_db


def _status(notice: Notification) -> tuple[str, int]:
    notice.refresh_from_db()
    return notice.email_status, notice.email_attempts


def test_two_sends_of_the_same_notification_send_one_e_mail(notice: Notification) -> None:
    assert notification_email_send(notification_id=notice.pk) == "sent"
    assert notification_email_send(notification_id=notice.pk) == "not-claimed"
    tasks.notification_send_task.delay(notice.pk)  # a duplicate message on the broker
    assert len(mail.outbox) == 1
    assert _status(notice) == (EmailStatus.SENT, 1)
    message = mail.outbox[0]
    assert message.to == ["tulipan@test.zsss.example"]
    assert message.extra_headers["Message-ID"] == f"<notification-{notice.pk}@kraj-lbc.example>"
    assert isinstance(message, EmailMultiAlternatives)
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html" and '<html lang="en">' in html
    assert "awaiting regional decision" in message.body and "awaiting regional decision" in html


def test_a_transient_failure_puts_it_back_and_the_retry_sends_it(
    notice: Notification, monkeypatch: pytest.MonkeyPatch
) -> None:
    def down(self: Any, messages: Any) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    with monkeypatch.context() as patched:
        patched.setattr(LocmemBackend, "send_messages", down)
        with pytest.raises(TransientEmailError):
            notification_email_send(notification_id=notice.pk)
    assert _status(notice) == (EmailStatus.PENDING, 1)
    assert notification_email_send(notification_id=notice.pk) == "sent"
    assert _status(notice) == (EmailStatus.SENT, 2)
    assert len(mail.outbox) == 1


def test_it_gives_up_after_the_last_attempt(
    notice: Notification, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.NOTIFICATIONS_EMAIL_MAX_ATTEMPTS = 2
    monkeypatch.setattr(
        LocmemBackend, "send_messages", lambda self, messages: (_ for _ in ()).throw(TimeoutError())
    )
    with pytest.raises(TransientEmailError):
        notification_email_send(notification_id=notice.pk)
    assert notification_email_send(notification_id=notice.pk) == "failed"
    assert _status(notice) == (EmailStatus.FAILED, 2)


def test_a_claim_whose_worker_died_is_handed_out_after_the_lease(
    notice: Notification, settings: Any
) -> None:
    settings.NOTIFICATIONS_EMAIL_LEASE_SECONDS = 600
    # A worker claimed it and died before sending.
    Notification.objects.filter(pk=notice.pk).update(
        email_status=EmailStatus.SENDING,
        email_claimed_at=timezone.now() - dt.timedelta(minutes=5),
        email_attempts=1,
    )
    assert emails_waiting(limit=10) == []
    assert notification_email_send(notification_id=notice.pk) == "not-claimed"
    Notification.objects.filter(pk=notice.pk).update(
        email_claimed_at=timezone.now() - dt.timedelta(minutes=11)
    )
    assert emails_waiting(limit=10) == [notice.pk]
    assert email_dispatch() == {"queued": 1, "waiting": 1}  # eager: sent at once
    assert _status(notice) == (EmailStatus.SENT, 2)
    assert len(mail.outbox) == 1


def test_a_message_lost_with_the_broker_is_queued_again(
    notice: Notification, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    queued: list[int] = []
    monkeypatch.setattr(
        tasks.notification_send_task, "apply_async", lambda args, **kw: queued.append(args[0])
    )
    assert email_dispatch()["queued"] == 1
    assert email_dispatch()["queued"] == 0  # queued just now: not again
    Notification.objects.filter(pk=notice.pk).update(
        email_queued_at=timezone.now()
        - dt.timedelta(seconds=settings.NOTIFICATIONS_EMAIL_REQUEUE_SECONDS + 1)
    )
    assert email_dispatch()["queued"] == 1
    assert queued == [notice.pk, notice.pk]


def test_an_opted_out_reminder_stays_in_the_inbox_without_e_mail(
    provider_user: Any, service: Any
) -> None:
    notification_email_preferences_set(
        user=provider_user, by=provider_user, email={Kind.COMPLETION_REMINDER: False}
    )
    plan = factories.plan_in_state(PlanState.RETURNED, service=service)
    reminder = Notification.objects.create(
        recipient=provider_user,
        kind=Kind.COMPLETION_REMINDER,
        content_type=ContentType.objects.get_for_model(plan),
        object_id=plan.pk,
        deadline=plan.completion_due,
        occasion="5wd",
    )
    assert notification_email_send(notification_id=reminder.pk) == "skipped"
    reminder.refresh_from_db()
    assert (reminder.email_status, reminder.email_note) == (
        EmailStatus.SKIPPED,
        "turned off by the recipient",
    )
    assert mail.outbox == []


def test_no_e_mail_address_means_inbox_only(notice: Notification) -> None:
    notice.recipient.email = ""
    notice.recipient.save()
    assert notification_email_send(notification_id=notice.pk) == "skipped"


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (smtplib.SMTPServerDisconnected("gone"), True),
        (smtplib.SMTPResponseException(421, b"Service not available"), True),
        (smtplib.SMTPResponseException(451, b"Try again later"), True),
        (ConnectionRefusedError(111, "Connection refused"), True),
        (TimeoutError(), True),
        (smtplib.SMTPResponseException(550, b"No such user"), False),
        (smtplib.SMTPRecipientsRefused({"x@y": (550, b"No such user")}), False),
        (ValueError("bad header"), False),
    ],
)
def test_which_failures_are_retried(error: Exception, transient: bool) -> None:
    from notifications.delivery import is_transient

    assert is_transient(error) is transient


def test_a_permanent_failure_is_recorded_and_not_retried(
    notice: Notification, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refused(self: Any, messages: Any) -> int:
        raise smtplib.SMTPRecipientsRefused({"tulipan@test.zsss.example": (550, b"No such user")})

    monkeypatch.setattr(LocmemBackend, "send_messages", refused)
    assert notification_email_send(notification_id=notice.pk) == "failed"
    assert _status(notice) == (EmailStatus.FAILED, 1)
    assert f"notification #{notice.pk} (plan_changed to user" in caplog.text
