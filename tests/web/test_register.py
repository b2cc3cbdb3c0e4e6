"""The published network register: open to anyone, filtered by period, ORP, § type, form and
provider in the URL, each entry with the history of its capacity."""

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from backend.network.models import CapacityChange, NetworkEntry
from tests import factories
from tests.helpers import prague
from tests.web.pages import link, text


@pytest.fixture
def entries(provider: Any, other_provider: Any, tanvald_orp: Any) -> dict[str, NetworkEntry]:
    network_2018 = factories.NetworkPeriodFactory(start_year=2018, end_year=2020)
    network_2021 = factories.NetworkPeriodFactory(start_year=2021, end_year=2023)
    tulipan = factories.SocialServiceFactory(provider=provider, name="Chráněné bydlení TULIPAN")
    romodrom = factories.SocialServiceFactory(
        provider=other_provider,
        name="Terénní programy Romodrom",
        service_type=factories.service_type("69"),
        form="field",
    )
    return {
        "TULIPAN 2018": factories.NetworkEntryFactory(
            service=tulipan, period=network_2018, capacity=Decimal(15)
        ),
        "TULIPAN 2021": factories.NetworkEntryFactory(
            service=tulipan, period=network_2021, capacity=Decimal(15)
        ),
        "Romodrom in Tanvald": factories.NetworkEntryFactory(
            service=romodrom, period=network_2018, capacity=Decimal("2.5"), orps=[tanvald_orp]
        ),
    }


def _listed(response: Any, entries: dict[str, NetworkEntry]) -> list[str]:
    by_pk = {entry.pk: name for name, entry in entries.items()}
    found = re.findall(r'<td><a href="[^"]*/register/(\d+)/">', response.content.decode())
    return [by_pk[int(pk)] for pk in found]


FILTERS = [
    ({}, {"TULIPAN 2018", "TULIPAN 2021", "Romodrom in Tanvald"}),
    ({"period": "2018–2020"}, {"TULIPAN 2018", "Romodrom in Tanvald"}),
    ({"orp": "Tanvald"}, {"Romodrom in Tanvald"}),
    ({"service_type": "§ 51"}, {"TULIPAN 2018", "TULIPAN 2021"}),
    ({"form": "field"}, {"Romodrom in Tanvald"}),
    ({"provider": "TULIPAN"}, {"TULIPAN 2018", "TULIPAN 2021"}),
    ({"period": "2021–2023", "provider": "Romodrom"}, set()),
]


@pytest.mark.parametrize(("query", "found"), FILTERS, ids=[str(q) for q, _ in FILTERS])
def test_anyone_filters_the_register(
    client: Client,
    entries: dict[str, NetworkEntry],
    provider: Any,
    other_provider: Any,
    tanvald_orp: Any,
    query: dict[str, str],
    found: set[str],
) -> None:
    values = {
        "2018–2020": entries["TULIPAN 2018"].period_id,
        "2021–2023": entries["TULIPAN 2021"].period_id,
        "Tanvald": tanvald_orp.pk,
        "§ 51": factories.service_type("51").pk,
        "TULIPAN": provider.pk,
        "Romodrom": other_provider.pk,
    }
    params = {name: values.get(value, value) for name, value in query.items()}
    response = client.get(reverse("network:register"), params)
    assert response.status_code == 200
    assert set(_listed(response, entries)) == found


def test_the_capacity_header_sorts_the_largest_first_and_keeps_the_filters(
    client: Client, entries: dict[str, NetworkEntry]
) -> None:
    period = entries["TULIPAN 2018"].period_id
    first = client.get(reverse("network:register"), {"period": period})
    assert _listed(client.get(link(first, "Capacity")), entries) == [
        "TULIPAN 2018",
        "Romodrom in Tanvald",
    ]


def test_htmx_gets_only_the_table(client: Client, entries: dict[str, NetworkEntry]) -> None:
    response = client.get(reverse("network:register"), {"form": "field"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in text(response)
    assert _listed(response, entries) == ["Romodrom in Tanvald"]


def test_the_register_is_paginated(client: Client, db: None) -> None:
    period = factories.NetworkPeriodFactory(start_year=2018, end_year=2020)
    factories.NetworkEntryFactory.create_batch(51, period=period)
    first = client.get(reverse("network:register"), {"period": period.pk})
    assert "Page 1 of 2" in text(first)
    second = client.get(link(first, "Next"))
    assert second.wsgi_request.GET.dict() == {"period": str(period.pk), "page": "2"}
    assert len(re.findall(r"/register/\d+/", second.content.decode())) == 1


def test_an_entry_shows_its_capacity_history(
    client: Client, entries: dict[str, NetworkEntry]
) -> None:
    entry = entries["TULIPAN 2018"]
    for before, after, day, reason in [
        (0, 3, 12, "Decision regional council no. 402/17/ZK of 12 Sep 2017"),
        (3, 15, 29, "Decision regional council no. 258/17/ZK of 29 Sep 2017"),
    ]:
        change = CapacityChange.objects.create(
            entry=entry,
            capacity_before=Decimal(before),
            capacity_after=Decimal(after),
            unit="beds",
            reason=reason,
        )
        CapacityChange.objects.filter(pk=change.pk).update(recorded_at=prague(2017, 9, day, 10))
    response = client.get(reverse("network:entry", args=[entry.pk]))
    assert response.status_code == 200
    page = text(response)
    assert "Sdružení TULIPAN, z. s., IČ 26672472" in page
    assert "<strong>15 beds</strong>" in page
    history = re.findall(
        r'<tr><td>(.*?)</td><td>(.*?)</td><td class="num">(.*?)</td><td class="num">(.*?)</td>'
        r"<td>(.*?)</td></tr>",
        page,
    )
    assert history == [
        (
            "2018–2020",
            "12 Sep 2017",
            "0",
            "3 beds",
            "Decision regional council no. 402/17/ZK of 12 Sep 2017",
        ),
        (
            "2018–2020",
            "29 Sep 2017",
            "3",
            "15 beds",
            "Decision regional council no. 258/17/ZK of 29 Sep 2017",
        ),
    ]


def test_a_decision_shows_up_in_the_public_register(
    client_as: Callable[[str], Client], make_plan: Callable[..., Any]
) -> None:
    """The regional officer includes TULIPAN's 3 → 15 beds; anyone then reads 15 beds."""
    plan = make_plan("awaiting_decision")
    client_as("regional_officer").post(
        reverse("plans:decide", args=[plan.pk]),
        {
            "outcome": "included",
            "body": "regional_council",
            "resolution_number": "402/17/ZK",
            "resolution_date": "2017-09-12",
        },
    )
    entry = NetworkEntry.objects.get(service=plan.service)
    public = Client()
    assert "15 beds" in text(public.get(reverse("network:register")))
    page = text(public.get(reverse("network:entry", args=[entry.pk])))
    assert "Decision regional council no. 402/17/ZK of 12 Sep 2017" in page
