"""The shipped texts (`templates/letters/defaults/`): what a letter says when the call's
office has not edited it, and what "restore the default" records."""

from dataclasses import dataclass
from functools import cache

from django.conf import settings

from backend.letters.kinds import LetterKind, is_email

DEFAULTS_DIR = settings.BASE_DIR / "templates" / "letters" / "defaults"


@dataclass(frozen=True)
class LetterText:
    subject: str
    text: str


@cache
def default_text(kind: str) -> LetterText:
    """The shipped subject (e-mails only) and body of `kind`."""
    kind = LetterKind(kind)
    text = (DEFAULTS_DIR / f"{kind.value}.txt").read_text(encoding="utf-8").rstrip("\n")
    subject = (
        (DEFAULTS_DIR / f"{kind.value}.subject.txt").read_text(encoding="utf-8").strip()
        if is_email(kind)
        else ""
    )
    return LetterText(subject=subject, text=text)
