"""The embedded default's mail folder: each e-mail as its own .eml file in var/mail/.

A file-based backend (Django's writes all messages of one connection into one .log file);
one standard .eml per message opens in any mail client and is easy to count.
"""

import datetime as dt
import os
import re
import tempfile
from collections.abc import Sequence

from django.core.mail.backends.filebased import EmailBackend
from django.core.mail.message import EmailMessage


class EmlFolderBackend(EmailBackend):
    """Writes `<time>-<recipient>-<random>.eml` files into EMAIL_FILE_PATH, atomically."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")
            who = re.sub(r"[^A-Za-z0-9.@_-]", "_", message.recipients()[0])
            handle, partial = tempfile.mkstemp(dir=self.file_path, suffix=".part")
            with os.fdopen(handle, "wb") as file:
                file.write(message.message().as_bytes())
            unique = os.path.basename(partial).removesuffix(".part")
            os.replace(partial, os.path.join(self.file_path, f"{stamp}-{who}-{unique}.eml"))
            sent += 1
        return sent
