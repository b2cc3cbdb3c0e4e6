"""What each mail transport guarantees when a send is repeated: the row is marked sent while
the connection is still open (before an SMTP QUIT), and the folder transport keeps one file
per Message-ID. The crash itself, on real worker processes, is in
tests/integration/test_mail_crash.py."""

from pathlib import Path
from typing import Any

import pytest
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

from notifications.delivery import notification_email_send
from notifications.models import EmailStatus, Notification
from notifications.rendering import notification_email

pytestmark = pytest.mark.django_db


class SmtpLikeBackend(BaseEmailBackend):
    """Opens and closes its connection as Django's SMTP backend does (send_messages closes a
    connection it opened itself); notes the row's e-mail status when the connection closes."""

    status_at_close: list[str] = []
    close_error: Exception | None = None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.connected = False

    def open(self) -> bool:
        if self.connected:
            return False
        self.connected = True
        return True

    def close(self) -> None:
        self.connected = False
        SmtpLikeBackend.status_at_close += Notification.objects.values_list(
            "email_status", flat=True
        )
        if SmtpLikeBackend.close_error:
            raise SmtpLikeBackend.close_error

    def send_messages(self, email_messages: Any) -> int:
        opened = self.open()
        if opened:
            self.close()
        return len(email_messages)


@pytest.fixture
def smtp_like(settings: Any) -> type[SmtpLikeBackend]:
    settings.EMAIL_BACKEND = f"{__name__}.SmtpLikeBackend"
    SmtpLikeBackend.status_at_close = []
    SmtpLikeBackend.close_error = None
    return SmtpLikeBackend


@pytest.fixture
def folder(settings: Any, tmp_path: Path) -> Path:
    settings.EMAIL_BACKEND = "notifications.mailbox.EmlFolderBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    return tmp_path


def _status(notice: Notification) -> tuple[str, int]:
    notice.refresh_from_db()
    return notice.email_status, notice.email_attempts


def test_the_row_is_marked_sent_before_the_mail_connection_closes(
    notice: Notification, smtp_like: type[SmtpLikeBackend]
) -> None:
    """A worker dying while the SMTP server answers QUIT no longer sends the message again."""
    assert notification_email_send(notification_id=notice.pk) == "sent"
    assert smtp_like.status_at_close == [EmailStatus.SENT]


def test_a_failure_to_close_after_the_send_keeps_it_sent(
    notice: Notification, smtp_like: type[SmtpLikeBackend], caplog: pytest.LogCaptureFixture
) -> None:
    import smtplib

    smtp_like.close_error = smtplib.SMTPServerDisconnected("gone during QUIT")
    assert notification_email_send(notification_id=notice.pk) == "sent"
    assert _status(notice) == (EmailStatus.SENT, 1)
    assert notification_email_send(notification_id=notice.pk) == "not-claimed"
    assert "Closing the mail connection failed" in caplog.text


def test_the_folder_transport_writes_one_file_per_message_id(
    notice: Notification, folder: Path
) -> None:
    assert notification_email_send(notification_id=notice.pk) == "sent"
    # A worker died before the row was marked: after the lease the e-mail is sent again.
    Notification.objects.filter(pk=notice.pk).update(email_status=EmailStatus.PENDING)
    assert notification_email_send(notification_id=notice.pk) == "sent"
    assert _status(notice) == (EmailStatus.SENT, 2)
    (written,) = folder.glob("*.eml")
    assert f"Message-ID: <notification-{notice.pk}@kraj-lbc.example>" in written.read_text()
    assert (
        written.name == f"tulipan@test.zsss.example-notification-{notice.pk}@kraj-lbc.example.eml"
    )
    assert not list(folder.glob("*.part"))  # and nothing half written is left behind


def test_the_folder_transport_keeps_different_messages_apart(
    notice: Notification, folder: Path
) -> None:
    connection = get_connection()
    message = notification_email(notice)
    other = EmailMessage("Hello", "Body", "zsss@kraj-lbc.example", ["kraj@test.zsss.example"])
    assert connection.send_messages([message, other, other]) == 3
    # Without a Message-ID of its own each sending of `other` gets a fresh one.
    assert len(list(folder.glob("*.eml"))) == 3
    assert not list(folder.glob("*.log"))  # opening the connection made no stream file
