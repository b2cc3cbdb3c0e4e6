"""The decimal form field of every web form and the admin: reads "2,5", "2.5" and "1 250,50".

A browser's `<input type="number">` in a Czech locale drops a typed decimal comma ("2,5" was
posted as "25"), so the numbers are typed into a text input and parsed here. Either separator
is read as the decimal one; spaces (also no-break ones) group thousands. Whatever cannot be
read as exactly one number is refused with a message, never guessed: "2,5,1", "2.500,5", and
"1,250" where the field takes at most two decimal places (thousands or 1.25?).
"""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

# Thousands grouped by a space, a no-break space or a narrow no-break space ("1 250 000").
_GROUP = "[ \u00a0\u202f]"
_NUMBER = re.compile(
    rf"^(?P<sign>[-\u2212]?)(?P<whole>\d+|\d{{1,3}}(?:{_GROUP}\d{{3}})+)"
    r"(?:(?P<separator>[.,])(?P<fraction>\d+))?$"
)


def parse_decimal(text: str, *, decimal_places: int | None = None) -> Decimal | None:
    """The number in `text` ("2,5", "2.5", "1 250,50" → Decimal), None when it is empty.

    Raises ValidationError ("invalid" or "ambiguous") for anything else."""
    text = text.strip()
    if not text:
        return None
    match = _NUMBER.match(text)
    if match is None:
        raise ValidationError(
            _("“%(value)s” is not a number. Write e.g. 2,5 or 1 250,50."),
            code="invalid",
            params={"value": text},
        )
    fraction = match["fraction"] or ""
    if (
        len(fraction) == 3
        and decimal_places is not None
        and decimal_places < 3
        and not re.search(_GROUP, match["whole"])
    ):
        raise ValidationError(
            _(
                "“%(value)s” can be read two ways. Write thousands with a space (1 250) "
                "and decimals with a comma (1,25)."
            ),
            code="ambiguous",
            params={"value": text},
        )
    whole = re.sub(_GROUP, "", match["whole"])
    sign = "-" if match["sign"] else ""
    try:
        return Decimal(f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}")
    except InvalidOperation as error:  # pragma: no cover - the pattern admits digits only
        raise ValidationError(_("Enter a number."), code="invalid") from error


def format_decimal(value: Decimal | int | float) -> str:
    """The number as the active language writes it in a form: "2,5" and "1 250,5" in Czech,
    "2.5" and "1250.5" in English (no grouping where the group separator is not a space, so
    the text reads back as the same number)."""
    number = Decimal(str(value))
    exact = number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()
    spaced = formats.get_format("THOUSAND_SEPARATOR") in (" ", "\u00a0", "\u202f")
    return formats.number_format(exact, use_l10n=True, force_grouping=spaced)


class DecimalInput(forms.TextInput):
    """A text input that opens the numeric keyboard and shows the number the local way."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return format_decimal(value)
        # Typed text comes back as it was typed, so the person sees what they wrote.
        return super().format_value(value)


class DecimalCommaField(forms.DecimalField):
    """forms.DecimalField reading the decimal comma or dot and grouped thousands."""

    widget = DecimalInput

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # the stubs give it IntegerField's (int)
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return Decimal(value)
        return parse_decimal(str(value), decimal_places=self.decimal_places)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # No min/max/step: those belong to <input type="number">, which this is not.
        return forms.Field.widget_attrs(self, widget)
