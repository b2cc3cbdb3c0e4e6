"""Capacities read as Czech (and English) phrases: the unit agrees with the amount."""

from decimal import Decimal

import pytest
from django.utils import translation

from backend.registry.choices import CapacityUnit
from backend.registry.units import unit_for_amount
from backend.web.templatetags.web import capacity


@pytest.mark.parametrize(
    ("amount", "unit", "czech", "english"),
    [
        ("1", CapacityUnit.BEDS, "1 lůžko", "1 bed"),
        ("3", CapacityUnit.BEDS, "3 lůžka", "3 beds"),
        ("15", CapacityUnit.BEDS, "15 lůžek", "15 beds"),
        ("0", CapacityUnit.BEDS, "0 lůžek", "0 beds"),
        ("2.5", CapacityUnit.FTE, "2,5 úvazku přímé péče", "2.5 direct care FTE"),
        ("2.00", CapacityUnit.FTE, "2 úvazky přímé péče", "2 direct care FTE"),
        ("1", CapacityUnit.PLACES, "1 místo", "1 place"),
        ("62", CapacityUnit.PLACES, "62 míst", "62 places"),
        ("4", CapacityUnit.FLATS, "4 byty", "4 flats"),
        ("1.5", CapacityUnit.FLATS, "1,5 bytu", "1.5 flats"),
    ],
)
def test_capacity_with_its_unit(amount: str, unit: str, czech: str, english: str) -> None:
    with translation.override("cs"):
        assert capacity(Decimal(amount), unit) == czech
    with translation.override("en"):
        assert capacity(Decimal(amount), unit) == english


def test_capacity_without_a_unit_and_unknown_units() -> None:
    with translation.override("cs"):
        assert capacity(Decimal("11.50")) == "11,5"
        assert capacity(None, CapacityUnit.BEDS) == "–"
        assert unit_for_amount("hours", Decimal(3)) == "hours"
