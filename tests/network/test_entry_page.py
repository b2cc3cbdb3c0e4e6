"""The public register's entry page: the service's registration number, and in the capacity
history the municipal council's resolution behind a change next to the region's decision."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from backend.network.models import CapacityChange, NetworkEntry
from backend.plans.choices import ResolutionOutcome
from backend.plans.models import CouncilResolution
from tests import factories
from tests.web.pages import text

REGIONAL = "Rozhodnutí zastupitelstvo kraje č. 402/17/ZK ze dne 26. 9. 2017"


@pytest.fixture
def entry(service: Any) -> NetworkEntry:
    """TULIPAN's sheltered housing, raised from 3 to 15 beds by a plan the City of Liberec
    supported with its council's resolution 827/2017 of 29 Aug 2017."""
    service.registration_number = "8533092"
    service.save()
    entry = factories.NetworkEntryFactory(service=service, capacity=Decimal(15))
    plan = factories.plan_in_state("included", service=service)
    resolution = factories.CouncilResolutionFactory(
        number="827/2017", meeting_date=dt.date(2017, 8, 29)
    )
    factories.opinion_in_state("issued", plan=plan, needs_council=True, resolution=resolution)
    CapacityChange.objects.create(
        entry=entry,
        plan=plan,
        capacity_before=Decimal(3),
        capacity_after=Decimal(15),
        unit=entry.unit,
        reason=REGIONAL,
    )
    return entry


def _page(entry: NetworkEntry, language: str) -> str:
    with translation.override(language):
        return text(Client().get(reverse("network:entry", args=[entry.pk])))


def test_the_history_cites_the_municipal_council_resolution(entry: NetworkEntry) -> None:
    page = _page(entry, "cs")
    assert f"{REGIONAL}<br>usnesení Rady města Liberec č. 827/2017 ze dne 29. 8. 2017" in page
    assert "resolution of the council of the town of Liberec no. 827/2017 of 29 Aug 2017" in _page(
        entry, "en"
    )


def test_a_rejecting_resolution_is_not_cited_as_backing_the_change(
    entry: NetworkEntry,
) -> None:
    CouncilResolution.objects.update(outcome=ResolutionOutcome.REJECTED)
    assert "827/2017" not in _page(entry, "cs")


def test_a_change_without_a_council_cites_only_the_region(service: Any) -> None:
    entry = factories.NetworkEntryFactory(service=service)
    plan = factories.plan_in_state("included", service=service)
    factories.opinion_in_state("issued", plan=plan)
    CapacityChange.objects.create(
        entry=entry,
        plan=plan,
        capacity_before=Decimal(0),
        capacity_after=Decimal(3),
        unit=entry.unit,
        reason=REGIONAL,
    )
    page = _page(entry, "cs")
    assert f"<td>{REGIONAL}</td>" in page
    assert "usnesení Rady" not in page


def test_the_entry_page_shows_the_registration_number(entry: NetworkEntry) -> None:
    assert "<dt>Identifikátor služby</dt><dd>8533092</dd>" in _page(entry, "cs")
    assert "<dt>Registration no.</dt><dd>8533092</dd>" in _page(entry, "en")
