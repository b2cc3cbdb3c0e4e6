"""Template filters for documents: Czech no-break spaces and dates."""

import datetime as dt
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from backend.documents.typography import czech_date, czech_text

register = template.Library()


@register.filter
def cz(value: Any) -> SafeString:
    """Text with Czech no-break spaces (escaped first)."""
    return mark_safe(czech_text(str(conditional_escape(value))))


@register.filter
def cz_date(value: dt.date | dt.datetime | None) -> str:
    """29. 8. 2017 with no-break spaces."""
    return czech_date(value)
