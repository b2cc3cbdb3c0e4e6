"""Capacity units as words that agree with the amount: 1 lůžko, 3 lůžka, 15 lůžek, 1,5 lůžka.

Czech needs three plural forms for whole numbers and the genitive singular for fractions, so
the unit's label alone ("lůžka") reads wrong next to most amounts."""

from collections.abc import Callable
from decimal import Decimal

from django.utils import formats
from django.utils.translation import ngettext, pgettext

from backend.registry.choices import CapacityUnit

_WHOLE: dict[str, Callable[[int], str]] = {
    CapacityUnit.BEDS: lambda n: ngettext("bed", "beds", n),
    CapacityUnit.FTE: lambda n: ngettext("direct care FTE", "direct care FTE", n),
    CapacityUnit.PLACES: lambda n: ngettext("place", "places", n),
    CapacityUnit.FLATS: lambda n: ngettext("flat", "flats", n),
}
_FRACTION: dict[str, Callable[[], str]] = {
    CapacityUnit.BEDS: lambda: pgettext("fractional amount, e.g. 1.5", "beds"),
    CapacityUnit.FTE: lambda: pgettext("fractional amount, e.g. 1.5", "direct care FTE"),
    CapacityUnit.PLACES: lambda: pgettext("fractional amount, e.g. 1.5", "places"),
    CapacityUnit.FLATS: lambda: pgettext("fractional amount, e.g. 1.5", "flats"),
}


def unit_for_amount(unit: str, amount: Decimal) -> str:
    """The unit's word in the form the amount takes in the active language."""
    if unit not in _WHOLE:
        return str(CapacityUnit(unit).label) if unit in CapacityUnit.values else unit
    if amount != amount.to_integral_value():
        return _FRACTION[unit]()
    return _WHOLE[unit](int(amount))


def amount_with_unit(amount: Decimal, unit: str) -> str:
    """11.50 and "beds" → "11,5 lůžka" in Czech: the decimal comma, no trailing zeros, and
    the unit's word in the form the amount takes."""
    exact = amount.quantize(Decimal(1)) if amount == amount.to_integral() else amount.normalize()
    text = formats.number_format(exact, use_l10n=True)
    return f"{text} {unit_for_amount(unit, exact)}" if unit else text
