"""Czech typography for documents: no line break after a one-letter preposition or
conjunction, inside "č. 827/2017", "§ 51" or a date such as "29. 8. 2017"."""

import datetime as dt
import re

from backend.core.deadlines import short_date

NBSP = "\xa0"
_ONE_LETTER = re.compile(r"(?<![\w])([ksvzouaiKSVZOUAI]) ")
_ABBREVIATIONS = re.compile(r"\b(č\.|čj\.|odst\.|písm\.|§|IČ|IČO|tel\.) ")
_DATE = re.compile(r"\b(\d{1,2})\. (\d{1,2})\. (\d{4})\b")


def czech_text(text: str) -> str:
    """Bind one-letter words, abbreviations and dates to what follows with a no-break space."""
    text = _DATE.sub(rf"\1.{NBSP}\2.{NBSP}\3", text)
    text = _ABBREVIATIONS.sub(rf"\1{NBSP}", text)
    return _ONE_LETTER.sub(rf"\1{NBSP}", text)


def czech_date(day: dt.date | dt.datetime | None) -> str:
    """29. 8. 2017 with no-break spaces (the active language's short date format)."""
    if isinstance(day, dt.datetime):
        from django.utils import timezone

        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return czech_text(short_date(day))
