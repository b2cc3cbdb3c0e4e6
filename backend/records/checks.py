"""Start-up check of the reference number patterns (`manage.py check`, every command)."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from backend.records.series import (
    MUNICIPAL_FIELDS,
    REGIONAL_FIELDS,
    pattern_errors,
    pattern_fields,
)


@register()
def reference_number_patterns(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Both patterns name exactly their fields and format; the two series cannot write the
    same number (the municipal one names the municipality, and their literal texts differ)."""
    regional = settings.REFERENCE_NUMBER_PATTERN
    municipal = settings.REFERENCE_NUMBER_MUNICIPAL_PATTERN
    errors = [
        Error(message, hint="docs/records.md", id="records.E001")
        for message in pattern_errors(regional, allowed=REGIONAL_FIELDS)
    ] + [
        Error(message, hint="docs/records.md", id="records.E002")
        for message in pattern_errors(municipal, allowed=MUNICIPAL_FIELDS)
    ]
    if not errors and _literal_text(regional) == _literal_text(municipal):
        errors.append(
            Error(
                "REFERENCE_NUMBER_PATTERN and REFERENCE_NUMBER_MUNICIPAL_PATTERN have the same "
                "fixed text, so a region's number could equal a municipality's.",
                hint="Give the municipal pattern a prefix of its own (docs/records.md).",
                id="records.E003",
            )
        )
    return errors


def _literal_text(pattern: str) -> str:
    return "".join(pattern_fields(pattern)[1])
