"""The embedded default's mail folder: each e-mail as its own .eml file in var/mail/.

A file-based backend (Django's writes all messages of one connection into one .log file);
one standard .eml per message opens in any mail client and is easy to count. It is
idempotent: the file is named after the message's Message-ID and a message whose file
exists is not written again, so a notification sent a second time after a crash (the same
stable Message-ID) stays one file.
"""

import contextlib
import os
import re
import tempfile
from collections.abc import Sequence

from django.core.mail.backends.filebased import EmailBackend
from django.core.mail.message import EmailMessage


class EmlFolderBackend(EmailBackend):
    """Writes `<recipient>-<Message-ID>.eml` files into EMAIL_FILE_PATH, atomically, once
    per Message-ID."""

    def open(self) -> bool:
        return False  # each message gets its own file in send_messages: no stream to open

    def close(self) -> None:
        pass

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            mime = message.message()  # adds a fresh Message-ID when the message has none
            who = _safe(message.recipients()[0])
            name = os.path.join(self.file_path, f"{who}-{_safe(mime['Message-ID'])}.eml")
            handle, partial = tempfile.mkstemp(dir=self.file_path, suffix=".part")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(mime.as_bytes())
                # A hard link appears whole or not at all and fails when the name exists:
                # the message was delivered already (its first send's file stays).
                with contextlib.suppress(FileExistsError):
                    os.link(partial, name)
            finally:
                os.unlink(partial)
            sent += 1
        return sent


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.@_-]", "_", text.strip("<>"))
