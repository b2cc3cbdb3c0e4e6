"""Periods and roll-over: the regional office carries the network of one period into the
next; entries keep capacity, level and territory, link to their predecessor, and the entry's
history reads across periods. Rolling over twice adds only what is new."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from backend.calls.models import NetworkPeriod
from backend.network.choices import NetworkLevel
from backend.network.models import CapacityChange, NetworkEntry
from backend.network.services import network_roll_over
from tests import factories
from tests.web.pages import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def periods() -> tuple[NetworkPeriod, NetworkPeriod]:
    earlier = factories.NetworkPeriodFactory(start_year=2018, end_year=2020)
    later = NetworkPeriod.objects.create(
        start_year=2021,
        end_year=2023,
        resolution_number="271/20/ZK",
        resolution_date=dt.date(2020, 6, 30),
    )
    return earlier, later


def test_the_network_rolls_over_with_capacity_level_and_territory(
    periods: tuple[NetworkPeriod, NetworkPeriod], regional_officer: Any
) -> None:
    earlier, later = periods
    reserved = factories.NetworkEntryFactory(
        period=earlier,
        capacity=Decimal("2.5"),
        level=NetworkLevel.RESERVATION_Z2V,
        remedy_due=dt.date(2021, 3, 31),
        conditions="Doložit registraci.",
        orps=[factories.orp("5105"), factories.orp("5108")],
    )
    outside = factories.NetworkEntryFactory(period=earlier, level=NetworkLevel.NOT_INCLUDED)

    assert network_roll_over(source=earlier, target=later, by=regional_officer) == 1

    carried = NetworkEntry.objects.get(period=later)
    assert carried.service == reserved.service
    assert carried.predecessor == reserved
    assert (carried.capacity, carried.level, carried.remedy_due, carried.conditions) == (
        Decimal("2.5"),
        NetworkLevel.RESERVATION_Z2V,
        dt.date(2021, 3, 31),
        "Doložit registraci.",
    )
    assert {orp.code for orp in carried.orps.all()} == {"5105", "5108"}
    # It cites the resolution that approved the later period's network.
    assert (carried.resolution_number, carried.resolution_date) == (
        "271/20/ZK",
        dt.date(2020, 6, 30),
    )
    change = CapacityChange.objects.get(entry=carried)
    assert (change.capacity_before, change.capacity_after) == (Decimal("2.5"), Decimal("2.5"))
    assert change.reason == "Carried over from the period 2018–2020"
    assert change.recorded_by == regional_officer
    assert not NetworkEntry.objects.filter(period=later, service=outside.service).exists()
    assert carried.history.latest().history_user == regional_officer


def test_rolling_over_twice_adds_only_what_is_new(
    periods: tuple[NetworkPeriod, NetworkPeriod], regional_officer: Any
) -> None:
    earlier, later = periods
    factories.NetworkEntryFactory(period=earlier)
    assert network_roll_over(source=earlier, target=later, by=regional_officer) == 1
    assert network_roll_over(source=earlier, target=later, by=regional_officer) == 0
    factories.NetworkEntryFactory(period=earlier)
    assert network_roll_over(source=earlier, target=later, by=regional_officer) == 1
    assert NetworkEntry.objects.filter(period=later).count() == 2
    assert CapacityChange.objects.filter(entry__period=later).count() == 2


def test_only_into_a_later_period_and_only_by_the_regional_office(
    periods: tuple[NetworkPeriod, NetworkPeriod], regional_officer: Any, provider_user: Any
) -> None:
    earlier, later = periods
    factories.NetworkEntryFactory(period=later)
    with pytest.raises(ValidationError) as refused:
        network_roll_over(source=later, target=earlier, by=regional_officer)
    assert "target" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        network_roll_over(source=earlier, target=later, by=provider_user)
    assert NetworkEntry.objects.filter(period=earlier).count() == 0


def test_the_officer_rolls_over_on_the_periods_page_and_the_history_reads_across(
    periods: tuple[NetworkPeriod, NetworkPeriod], client_as: Any
) -> None:
    earlier, later = periods
    entry = factories.NetworkEntryFactory(period=earlier, capacity=Decimal(15))
    CapacityChange.objects.create(
        entry=entry,
        capacity_before=Decimal(3),
        capacity_after=Decimal(15),
        unit=entry.unit,
        reason="Decision regional council no. 258/17/ZK of 29 Sep 2017",
    )
    client = client_as("regional_officer")
    page = client.get(reverse("network:periods"))
    assert page.status_code == 200
    assert "271/20/ZK" in text(page)

    response = client.post(reverse("network:roll_over"), {"source": earlier.pk, "target": later.pk})
    assert response.status_code == 302
    carried = NetworkEntry.objects.get(period=later)
    detail = text(client.get(reverse("network:entry", args=[carried.pk])))
    assert "258/17/ZK of 29 Sep 2017" in detail
    assert "Carried over from the period 2018–2020" in detail
    assert detail.index("258/17/ZK") < detail.index("Carried over")

    backwards = client.post(
        reverse("network:roll_over"), {"source": later.pk, "target": earlier.pk}
    )
    assert backwards.status_code == 400
    assert "later period than 2021–2023" in text(backwards)


def test_a_new_period_with_its_resolution_and_a_bad_one(client_as: Any) -> None:
    client = client_as("regional_officer")
    response = client.post(
        reverse("network:period_create"),
        {
            "start_year": 2024,
            "end_year": 2026,
            "resolution_number": "123/23/ZK",
            "resolution_date": "2023-06-27",
        },
    )
    assert response.status_code == 302
    assert NetworkPeriod.objects.get(start_year=2024).resolution_number == "123/23/ZK"
    refused = client.post(reverse("network:period_create"), {"start_year": 2030, "end_year": 2027})
    assert refused.status_code == 400
    assert not NetworkPeriod.objects.filter(start_year=2030).exists()
    assert client_as("provider_user").get(reverse("network:periods")).status_code == 403
