"""Mail backends for the crash tests: they mark that a send reached a point and take their
time there, so the test can kill the worker at that point.

SLOW_MAIL_AT names the point: `before` the transport has the message (the default),
`after` it has it (the row is not marked sent yet), or `close` (the connection closing,
after the row was marked). SLOW_MAIL_SECONDS is how long to wait there. The marker is a file
in `<EMAIL_FILE_PATH>/../at-<point>/`.
"""

import os
import time
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

from notifications.mailbox import EmlFolderBackend


def _pause(point: str) -> None:
    if os.environ.get("SLOW_MAIL_AT", "before") != point:
        return
    marker = Path(settings.EMAIL_FILE_PATH).parent / f"at-{point}"
    marker.mkdir(exist_ok=True)
    (marker / f"{os.getpid()}-{time.monotonic_ns()}").touch()
    time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "0")))


class SlowEmlBackend(EmlFolderBackend):
    """The folder transport (one .eml per Message-ID), slow at SLOW_MAIL_AT."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        _pause("before")
        sent = super().send_messages(email_messages)
        _pause("after")
        return sent

    def close(self) -> None:
        _pause("close")


def accepted(place: Path) -> list[str]:
    """The Message-IDs CountingSmtpBackend accepted, in order."""
    log = place / "accepted.log"
    return log.read_text().split() if log.exists() else []


class CountingSmtpBackend(BaseEmailBackend):
    """Stands for a mail server over SMTP, which delivers what it accepts — twice if it is
    given the message twice: every accepted message is a line (its Message-ID) in
    `<EMAIL_FILE_PATH>/../accepted.log`. Opens and closes the connection as Django's SMTP
    backend does; slow at SLOW_MAIL_AT."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]  # Django's backend options
        self.connected = False

    def open(self) -> bool:
        if self.connected:
            return False
        self.connected = True
        return True

    def close(self) -> None:
        if self.connected:
            self.connected = False
            _pause("close")  # QUIT: the server answers in its own time

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        opened = self.open()
        _pause("before")
        with (Path(settings.EMAIL_FILE_PATH).parent / "accepted.log").open("a") as log:
            for message in email_messages:
                log.write(f"{message.message()['Message-ID']}\n")
            log.flush()
            os.fsync(log.fileno())
        _pause("after")
        if opened:
            self.close()
        return len(email_messages)
