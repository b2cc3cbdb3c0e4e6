"""Validators for the identifiers used in the Czech social-services domain."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_ICO_WEIGHTS = (8, 7, 6, 5, 4, 3, 2)


def ico_check_digit(first_seven: str) -> int:
    """The IČ check digit: weights 8..2, r = sum mod 11; 1 if r = 0, 0 if r = 1, else 11 − r."""
    remainder = sum(int(d) * w for d, w in zip(first_seven, _ICO_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 1
    if remainder == 1:
        return 0
    return 11 - remainder


def is_valid_ico(value: str) -> bool:
    return bool(re.fullmatch(r"\d{8}", value)) and ico_check_digit(value[:7]) == int(value[7])


def validate_ico(value: str) -> None:
    """Reject anything but an 8-digit IČ with a correct mod-11 check digit."""
    if not re.fullmatch(r"\d{8}", value or ""):
        raise ValidationError(
            _("IČ must have exactly 8 digits; “%(value)s” has %(count)s characters."),
            code="ico_length",
            params={"value": value, "count": len(value or "")},
        )
    if not is_valid_ico(value):
        raise ValidationError(
            _("IČ “%(value)s” is not valid: its check digit does not match."),
            code="ico_checksum",
            params={"value": value},
        )


def validate_registration_number(value: str) -> None:
    """A service identifier from the national register of providers: 7 digits."""
    if not re.fullmatch(r"\d{7}", value or ""):
        raise ValidationError(
            _("The service registration number must have exactly 7 digits."),
            code="registration_number",
        )
