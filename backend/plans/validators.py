"""Validators for plan documents and resolution numbers."""

import re

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _

from backend.plans.uploads import check_upload


def validate_council_resolution_number(value: str) -> None:
    """A municipal council resolution is numbered "number/year", e.g. 827/2017."""
    if not re.fullmatch(r"[1-9]\d{0,5}/(19|20)\d{2}", value or ""):
        raise ValidationError(
            _("Give the resolution number as “number/year”, e.g. 827/2017."),
            code="resolution_number",
        )


def validate_attachment(file: File) -> None:
    """Accept only the allowed document types, checked by content, up to the size limit.

    Defined here because the migrations refer to it by this path; the checks live in
    `backend.plans.uploads`."""
    check_upload(file)
