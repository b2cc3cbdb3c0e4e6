"""The cells of the import read into values: django-import-export widgets whose `clean`
raises `ValueError` with the sentence the preview shows for the cell."""

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.widgets import Widget

from backend.network.choices import NetworkLevel
from backend.registry.choices import CapacityUnit, LegalForm, ServiceForm
from backend.registry.validators import validate_ico, validate_registration_number


def _plain(value: Any) -> str:
    """Lower case without accents, dots and spaces: "Pobytová" = "pobytova"."""
    text = unicodedata.normalize("NFKD", str(value)).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\s.]+", "", text)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def split_list(value: Any) -> list[str]:
    """A cell listing several names: separated by commas, semicolons or new lines."""
    return [part.strip() for part in re.split(r"[,;\n]+", _text(value)) if part.strip()]


class TextWidget(Widget):
    def __init__(self, max_length: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_length = max_length

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str | None:
        text = _text(value)
        if len(text) > self.max_length:
            raise ValueError(
                _("At most %(count)s characters; this cell has %(length)s.")
                % {"count": self.max_length, "length": len(text)}
            )
        return text or None


class IcoWidget(Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        text = _text(value)
        if isinstance(value, int | float) and len(text) < 8:
            text = text.zfill(8)  # a spreadsheet dropped the leading zeros
        try:
            validate_ico(text)
        except ValidationError as error:
            raise ValueError(error.messages[0]) from error
        return text


class RegistrationNumberWidget(Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        text = _text(value)
        try:
            validate_registration_number(text)
        except ValidationError as error:
            raise ValueError(
                _("“%(value)s”: %(reason)s") % {"value": text, "reason": error.messages[0]}
            ) from error
        return text


def _choice_lookup(choices: Any, extra: dict[str, str]) -> dict[str, str]:
    lookup = {}
    for value, label in choices:
        lookup[_plain(value)] = value
        lookup[_plain(label)] = value
    lookup.update({_plain(key): value for key, value in extra.items()})
    return lookup


class ChoiceWidget(Widget):
    """A choice by its value, its label (English or Czech) or a usual Czech word."""

    def __init__(self, choices: Any, extra: dict[str, str], unknown: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.unknown = unknown
        # The labels in Czech and in English, whatever the language of the request.
        self.lookup: dict[str, str] = {}
        for language in ("en", "cs"):
            with translation.override(language):
                self.lookup.update(_choice_lookup(choices, extra))

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str | None:
        text = _text(value)
        if not text:
            return None
        found = self.lookup.get(_plain(text))
        if found is None:
            raise ValueError(self.unknown % {"value": text})
        return found


def form_widget() -> ChoiceWidget:
    return ChoiceWidget(
        ServiceForm.choices,
        {"pobytová": "residential", "ambulantní": "outpatient", "terénní": "field"},
        gettext_lazy("Unknown form “%(value)s”."),
    )


def unit_widget() -> ChoiceWidget:
    return ChoiceWidget(
        CapacityUnit.choices,
        {
            "lůžka": "beds",
            "lůžko": "beds",
            "úvazky": "fte",
            "úvazek": "fte",
            "úvazky přímé péče": "fte",
            "přepočtené úvazky": "fte",
            "fte": "fte",
            "místa": "places",
            "místo": "places",
            "bytové jednotky": "flats",
            "byty": "flats",
        },
        gettext_lazy("Unknown capacity unit “%(value)s”."),
    )


def legal_form_widget() -> ChoiceWidget:
    return ChoiceWidget(
        LegalForm.choices,
        {
            "z. s.": "zs",
            "o. p. s.": "ops",
            "p. o.": "po",
            "příspěvková organizace": "po",
            "z. ú.": "zu",
            "s. r. o.": "sro",
            "církevní právnická osoba": "cpo",
            "obec": "obec",
            "jiná": "other",
        },
        gettext_lazy("Unknown legal form “%(value)s”."),
    )


def level_widget() -> ChoiceWidget:
    return ChoiceWidget(
        NetworkLevel.choices,
        {
            "zařazena": NetworkLevel.INCLUDED,
            "zařazeno": NetworkLevel.INCLUDED,
            "Z": NetworkLevel.INCLUDED,
            "Z1v": NetworkLevel.RESERVATION_Z1V,
            "Z2v": NetworkLevel.RESERVATION_Z2V,
            "P/Z2v": NetworkLevel.PLANNED,
            "P": NetworkLevel.PLANNED,
            "plánovaná": NetworkLevel.PLANNED,
            "rezerva": NetworkLevel.RESERVE,
            "nezařazena": NetworkLevel.NOT_INCLUDED,
        },
        gettext_lazy("Unknown level “%(value)s”."),
    )


class CapacityWidget(Widget):
    """A number with a decimal comma or point, never negative, two decimals at most."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Decimal:
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = Decimal(str(value))
        else:
            text = re.sub(r"[\s\u00a0]", "", _text(value)).replace(",", ".")
            if not text:
                raise ValueError(_("The capacity is missing."))
            try:
                number = Decimal(text)
            except InvalidOperation as error:
                raise ValueError(
                    _("“%(value)s” is no number.") % {"value": _text(value)}
                ) from error
        if not number.is_finite():
            raise ValueError(_("“%(value)s” is no number.") % {"value": _text(value)})
        if number < 0:
            raise ValueError(_("The capacity cannot be negative."))
        if number != number.quantize(Decimal("0.01")) or number >= Decimal("10000000"):
            raise ValueError(
                _("“%(value)s”: at most two decimal places and seven digits.")
                % {"value": _text(value)}
            )
        return number.quantize(Decimal("0.01"))


class DateWidget(Widget):
    """29. 8. 2017, 29.8.2017, 2017-08-29 or a spreadsheet's date."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = _text(value)
        if not text:
            return None
        match = re.fullmatch(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})", text)
        try:
            if match:
                day, month, year = (int(part) for part in match.groups())
                return dt.date(year, month, day)
            return dt.date.fromisoformat(text)
        except ValueError as error:
            raise ValueError(
                _("“%(value)s” is no date (write it as 29. 8. 2017).") % {"value": text}
            ) from error


def parse_period(value: Any) -> tuple[int, int]:
    """ "2018–2020", "2018-2020", "2018 – 2020" or a single year."""
    text = _text(value)
    match = re.fullmatch(r"(\d{4})\s*(?:[-–—/]\s*(\d{4}))?", text)
    if not match:
        raise ValueError(_("“%(value)s” is no period (write it as 2018–2020).") % {"value": text})
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if end < start or start < 1990 or end > 2100:
        raise ValueError(_("“%(value)s” is no period (write it as 2018–2020).") % {"value": text})
    return start, end
