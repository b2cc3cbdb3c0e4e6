"""A mail backend for the crash test: it marks that a send has begun, then takes its time,
so the test can kill the worker in the middle of sending."""

import os
import time
from collections.abc import Sequence
from pathlib import Path

from django.core.mail.message import EmailMessage

from notifications.mailbox import EmlFolderBackend


class SlowEmlBackend(EmlFolderBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        marker = Path(self.file_path).parent / "sending"
        marker.mkdir(exist_ok=True)
        (marker / f"{os.getpid()}-{time.monotonic_ns()}").touch()
        time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "0")))
        return super().send_messages(email_messages)
