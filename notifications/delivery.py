"""E-mail delivery of notifications: claimed, sent and recorded, never twice but for one case.

A send first claims the row (pending → sending, one UPDATE: of two workers holding the same
task only one wins), then renders the message in the recipient's language, hands it to the
mail transport and records it sent at once, in a transaction of its own, before the
connection is closed. A transient failure (SMTP or network) puts the row back to pending and
the task retries with backoff. A worker that dies after its claim leaves the row "sending";
after a lease the dispatcher hands it out again. The one window in which a message can go
out twice is between the transport accepting it and that commit: the file transport
(`mailbox.EmlFolderBackend`) writes one file per Message-ID, so there it is still one
message; over SMTP the mail server gets it a second time, with the same stable Message-ID.
"""

import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from backend.core.enqueue import delivering_inline, enqueue
from notifications.kinds import REMINDER_KINDS, is_optional
from notifications.models import EmailOptOut, EmailStatus, Notification
from notifications.reminders import reminder_still_due
from notifications.rendering import notification_email

logger = logging.getLogger(__name__)

# By its registered name: the tasks module imports this one.
NOTIFICATION_SEND_TASK = "notifications.tasks.notification_send_task"


def is_transient(error: Exception) -> bool:
    """Failures that may pass: the server unreachable or busy (SMTP 4xx), the network."""
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPException):  # (an OSError too)
        return isinstance(error, smtplib.SMTPServerDisconnected)
    return isinstance(error, OSError)  # connection refused or reset, timeouts, DNS


class TransientEmailError(Exception):
    """Sending failed for a reason that may pass (the task retries)."""


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.NOTIFICATIONS_EMAIL_LEASE_SECONDS)


def _finish(notification_id: int, status: str, note: str = "") -> None:
    Notification.objects.filter(pk=notification_id, email_status=EmailStatus.SENDING).update(
        email_status=status,
        email_note=note[:300],
        emailed_at=timezone.now() if status == EmailStatus.SENT else None,
    )


def _skip_reason(notification: Notification) -> str:
    recipient = notification.recipient
    if not recipient.is_active or not recipient.email:
        return "no active recipient with an e-mail address"
    if (
        is_optional(notification.kind)
        and EmailOptOut.objects.filter(user=recipient, kind=notification.kind).exists()
    ):
        return "turned off by the recipient"
    if notification.kind in REMINDER_KINDS and not reminder_still_due(notification):
        return "obsolete: the deadline moved or the step was done"
    return ""


def notification_email_send(*, notification_id: int) -> str:
    """Send the e-mail of one notification unless it is sent, being sent or not wanted.

    Returns what happened: "sent", "skipped", "failed" or "not-claimed". Raises
    TransientEmailError when the mail server could not be reached (retry later).
    """
    now = timezone.now()
    claimed = (
        Notification.objects.filter(pk=notification_id)
        .filter(
            Q(email_status=EmailStatus.PENDING)
            | Q(email_status=EmailStatus.SENDING, email_claimed_at__lt=now - _lease())
        )
        .update(
            email_status=EmailStatus.SENDING,
            email_claimed_at=now,
            email_attempts=F("email_attempts") + 1,
        )
    )
    if not claimed:
        return "not-claimed"
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    reason = _skip_reason(notification)
    if reason:
        _finish(notification_id, EmailStatus.SKIPPED, reason)
        return "skipped"
    connection = get_connection()
    try:
        message = notification_email(notification)
        connection.open()
        connection.send_messages([message])
    except Exception as error:
        _close_quietly(connection)
        return _send_failed(notification, error)
    # The transport has the message: record that now, in its own transaction, before the
    # connection is closed (an SMTP QUIT waits for the server) — a crash from here on no
    # longer sends it again.
    with transaction.atomic(durable=True):
        _finish(notification_id, EmailStatus.SENT)
    _close_quietly(connection)
    return "sent"


def _send_failed(notification: Notification, error: Exception) -> str:
    """Record a failed send: for good, or back to pending for a retry (raises
    TransientEmailError then)."""
    if not is_transient(error):
        _finish(notification.pk, EmailStatus.FAILED, repr(error))
        logger.exception("E-mail of %s failed", describe(notification))
        return "failed"
    give_up = notification.email_attempts >= settings.NOTIFICATIONS_EMAIL_MAX_ATTEMPTS
    Notification.objects.filter(pk=notification.pk, email_status=EmailStatus.SENDING).update(
        email_status=EmailStatus.FAILED if give_up else EmailStatus.PENDING,
        email_note=str(error)[:300],
    )
    if give_up:
        logger.error("E-mail of %s failed for good: %s", describe(notification), error)
        return "failed"
    raise TransientEmailError(str(error)) from error


def _close_quietly(connection: BaseEmailBackend) -> None:
    """Close the mail connection; the message is recorded already, so a failure to say
    goodbye to the server changes nothing but a log line."""
    try:
        connection.close()
    except Exception as error:  # whatever the transport raises
        logger.warning("Closing the mail connection failed: %r", error)


def describe(notification: Notification) -> str:
    """The notification and the object it concerns, for the logs."""
    return (
        f"notification #{notification.pk} ({notification.kind} to user "
        f"#{notification.recipient_id} about {notification.content_type.model} "
        f"#{notification.object_id}, deadline {notification.deadline})"
    )


def emails_waiting(*, limit: int) -> list[int]:
    """Ids of notifications whose e-mail waits: never queued, queued so long ago that the
    message must have been lost (e.g. while the broker was down), or claimed by a worker that
    died."""
    now = timezone.now()
    requeue_before = now - dt.timedelta(seconds=settings.NOTIFICATIONS_EMAIL_REQUEUE_SECONDS)
    waiting = Q(email_status=EmailStatus.PENDING) & (
        Q(email_queued_at__isnull=True) | Q(email_queued_at__lt=requeue_before)
    ) | Q(email_status=EmailStatus.SENDING, email_claimed_at__lt=now - _lease())
    return list(
        Notification.objects.filter(waiting).order_by("id").values_list("id", flat=True)[:limit]
    )


def email_dispatch(*, limit: int | None = None) -> dict[str, int]:
    """Queue a send task for every waiting e-mail (capped); inline, send them right here."""
    ids = emails_waiting(limit=limit or settings.NOTIFICATIONS_BATCH_SIZE)
    if delivering_inline():
        outcomes: dict[str, int] = {}
        for notification_id in ids:
            try:
                outcome = notification_email_send(notification_id=notification_id)
            except TransientEmailError:
                outcome = "retry"
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        return outcomes
    queued = [pk for pk in ids if enqueue(NOTIFICATION_SEND_TASK, pk)]
    Notification.objects.filter(pk__in=queued).update(email_queued_at=timezone.now())
    return {"queued": len(queued), "waiting": len(ids)}
