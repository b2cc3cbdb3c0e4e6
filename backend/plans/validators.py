"""Validators for plan documents and resolution numbers."""

import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


def validate_council_resolution_number(value: str) -> None:
    """A municipal council resolution is numbered "number/year", e.g. 827/2017."""
    if not re.fullmatch(r"[1-9]\d{0,5}/(19|20)\d{2}", value or ""):
        raise ValidationError(
            _("Give the resolution number as “number/year”, e.g. 827/2017."),
            code="resolution_number",
        )


def validate_attachment(file: File) -> None:
    """Accept only the allowed document types up to the configured size."""
    extension = Path(file.name or "").suffix.lower().lstrip(".")
    if extension not in settings.ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("Files of type “%(ext)s” cannot be attached; allowed: %(allowed)s."),
            code="attachment_type",
            params={"ext": extension or "?", "allowed": ", ".join(settings.ATTACHMENT_EXTENSIONS)},
        )
    if file.size is not None and file.size > settings.ATTACHMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            code="attachment_size",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES),
            },
        )
