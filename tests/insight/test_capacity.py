"""The capacity dashboard against a hand-computed fixture.

Period 2018–2020 (plus another period that must not count):
- network: § 51 Liberec 15 beds, § 51 Tanvald 6 beds, § 69 Liberec + Tanvald 2,5 FTE;
  § 51 Liberec 100 beds in 2021–2023 (ignored);
- plans: A § 51 Liberec 3 → 15 included with 12 approved (+12 requested, +9 approved);
  B § 51 Tanvald 6 → 10 awaiting opinion (+4); E § 69 Liberec + Tanvald 2,5 → 4 awaiting
  decision (+1,5 in each ORP, +1,5 in total); a draft, a withdrawn plan and a decrease do not
  count.
"""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal as D  # noqa: N817
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from backend.insight.selectors import capacity_matrix, plans_for_capacity
from backend.machines.plan_review.kinds import PlanKind
from backend.network.models import NetworkEntry
from backend.plans.choices import DecidingBody
from backend.plans.models import RegionalDecision
from backend.registry.choices import ServiceForm
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture(region: Any, regional_officer: Any) -> dict[str, Any]:
    liberec, tanvald = factories.orp("5105"), factories.orp("5108")
    period = factories.NetworkPeriodFactory(start_year=2018, end_year=2020)
    later = factories.NetworkPeriodFactory(start_year=2021, end_year=2023)
    call = factories.CallFactory(open=True, period=period)
    housing_l = factories.SocialServiceFactory(orps=[liberec])
    housing_t = factories.SocialServiceFactory(orps=[tanvald])
    outreach = factories.SocialServiceFactory(
        service_type=factories.service_type("69"), form=ServiceForm.FIELD, orps=[liberec, tanvald]
    )
    assert outreach.capacity_unit == "fte"
    factories.NetworkEntryFactory(period=period, service=housing_l, capacity=D(15), orps=[liberec])
    factories.NetworkEntryFactory(period=period, service=housing_t, capacity=D(6), orps=[tanvald])
    factories.NetworkEntryFactory(
        period=period, service=outreach, capacity=D("2.5"), orps=[liberec, tanvald]
    )
    factories.NetworkEntryFactory(period=later, service=housing_l, capacity=D(100))
    plan = factories.plan_in_state
    a = plan("included", call=call, service=housing_l, orps=[liberec])
    RegionalDecision.objects.create(
        plan=a,
        outcome="included",
        approved_capacity=D(12),
        body=DecidingBody.REGIONAL_ASSEMBLY,
        resolution_number="402/17/ZK",
        resolution_date=dt.date(2017, 9, 26),
        decided_by=regional_officer,
    )
    plan(
        "awaiting_opinion",
        call=call,
        service=housing_t,
        orps=[tanvald],
        capacity_current=D(6),
        capacity_requested=D(10),
    )
    plan(
        "awaiting_decision",
        call=call,
        service=outreach,
        orps=[liberec, tanvald],
        capacity_current=D("2.5"),
        capacity_requested=D(4),
    )
    plan("draft", call=call, service=housing_l, orps=[liberec], capacity_current=D(0))
    plan("withdrawn", call=call, service=housing_l, orps=[liberec], capacity_current=D(0))
    plan(
        "awaiting_decision",
        call=call,
        service=housing_l,
        orps=[liberec],
        kind=PlanKind.CAPACITY_DECREASE,
        capacity_current=D(15),
        capacity_requested=D(10),
    )
    return {"period": period, "call": call, "liberec": liberec, "tanvald": tanvald}


def test_the_matrix_matches_the_hand_computed_numbers(fixture: dict[str, Any], region: Any) -> None:
    plans = plans_for_capacity(period=fixture["period"], region_ids={region.pk})
    matrix = capacity_matrix(period=fixture["period"], plans=plans)
    s51, s69 = factories.service_type("51").pk, factories.service_type("69").pk
    lib, tan = fixture["liberec"].pk, fixture["tanvald"].pk
    cells = {key: (c.network, c.requested, c.approved) for key, c in matrix.cells.items()}
    assert cells == {
        (lib, s51, "beds"): (D(15), D(12), D(9)),
        (tan, s51, "beds"): (D(6), D(4), D(0)),
        (lib, s69, "fte"): (D("2.5"), D("1.5"), D(0)),
        (tan, s69, "fte"): (D("2.5"), D("1.5"), D(0)),
    }
    totals = {u: (t.network, t.requested, t.approved) for u, t in matrix.totals.items()}
    assert totals == {"beds": (D(21), D(16), D(9)), "fte": (D("2.5"), D("1.5"), D(0))}


def test_the_public_sees_the_register_only(fixture: dict[str, Any]) -> None:
    matrix = capacity_matrix(period=fixture["period"])
    assert {k: c.requested for k, c in matrix.cells.items()} == dict.fromkeys(matrix.cells, 0)
    assert matrix.totals["beds"].network == D(21)


def test_the_page_shows_the_numbers_the_chart_and_the_drill_down(
    fixture: dict[str, Any], client_as: Callable[[str], Client]
) -> None:
    url = reverse("insight:capacity")
    page = client_as("regional_officer").get(url, {"period": fixture["period"].pk}).content.decode()
    assert "<svg" in page and 'aria-describedby="chart-table"' in page
    assert f"orp={fixture['tanvald'].pk}&amp;service_type={factories.service_type('51').pk}" in page
    for number in ["15", "+12", "16", "21"]:
        assert number in page
    public = client_as("anonymous").get(url, {"period": fixture["period"].pk})
    assert public.status_code == 200
    assert "Requested increase" not in public.content.decode()
    assert "Requested increase" in page


def test_the_orp_grid_is_shaded_per_thousand_inhabitants_when_known(
    fixture: dict[str, Any], region: Any
) -> None:
    from backend.insight.selectors import orp_population
    from backend.insight.tables import orp_tiles
    from backend.registry.models import Municipality

    plans = plans_for_capacity(period=fixture["period"], region_ids={region.pk})
    matrix = capacity_matrix(period=fixture["period"], plans=plans)
    Municipality.objects.update(population=None)
    assert orp_population() is None
    tiles = {t.name: t for t in orp_tiles(matrix=matrix, unit="beds", population=None)}
    assert len(tiles) == 10
    assert (tiles["Liberec"].value, tiles["Liberec"].shade) == (D(12), 100)
    assert (tiles["Tanvald"].value, tiles["Tanvald"].shade) == (D(4), 33)
    assert tiles["Frýdlant"].shade == 0
    Municipality.objects.update(population=2000)
    population = orp_population()
    assert population is not None
    liberec_people = population[fixture["liberec"].pk]
    tiles = {t.name: t for t in orp_tiles(matrix=matrix, unit="beds", population=population)}
    assert tiles["Liberec"].value == (D(12) * 1000 / liberec_people).quantize(D("0.01"))


def test_a_change_of_the_register_shows_in_the_next_figures(
    fixture: dict[str, Any], client_as: Callable[[str], Client]
) -> None:
    client = client_as("regional_officer")
    url, period = reverse("insight:capacity"), {"period": fixture["period"].pk}

    def beds() -> Any:
        response = client.get(url, period)
        return next(g for g in response.context["groups"] if g.unit == "beds").total.network

    assert beds() == D(21)
    entry = NetworkEntry.objects.get(period=fixture["period"], capacity=D(15))
    entry.capacity = D(20)
    entry.save()
    assert beds() == D(26)
