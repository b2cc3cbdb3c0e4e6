"""The need on the capacity dashboard: need beside network, requested and approved, the gap
(need − approved), the chart per § type, and the grouping by a call's planning areas.

Period 2018–2020; network § 51 Liberec 15 beds, § 51 Tanvald 6 beds. Plans of the call:
A § 51 Liberec 3 → 15 included with 12 approved (+12 requested, +9 approved); B § 51
Tanvald 6 → 10 awaiting opinion (+4). Need: § 51 Tanvald +9 (valid 2019–2020), § 51
Liberec +5 (open-ended from 2016), a table valid 2024 only (ignored).
"""

import datetime as dt
from decimal import Decimal as D  # noqa: N817
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from backend.demand.models import DemandEntry, DemandTable
from backend.insight.need import (
    add_need_by_area,
    add_need_by_orp,
    capacity_matrix_by_area,
    need_rows,
)
from backend.insight.selectors import capacity_matrix, plans_for_capacity
from backend.plans.choices import DecidingBody
from backend.plans.models import RegionalDecision
from backend.registry.models import Municipality, PlanningArea, PlanningAreaMember, PlanningScheme
from tests import factories

pytestmark = pytest.mark.django_db


def need(table: DemandTable, paragraph: str, quantity: str, **territory: Any) -> DemandEntry:
    return DemandEntry.objects.create(
        table=table,
        service_type=factories.service_type(paragraph),
        unit="beds",
        quantity=D(quantity),
        **territory,
    )


@pytest.fixture
def world(region: Any, regional_officer: Any) -> dict[str, Any]:
    liberec, tanvald = factories.orp("5105"), factories.orp("5108")
    period = factories.NetworkPeriodFactory(start_year=2018, end_year=2020)
    call = factories.CallFactory(open=True, period=period, region=region)
    housing_l = factories.SocialServiceFactory(orps=[liberec])
    housing_t = factories.SocialServiceFactory(orps=[tanvald])
    factories.NetworkEntryFactory(period=period, service=housing_l, capacity=D(15), orps=[liberec])
    factories.NetworkEntryFactory(period=period, service=housing_t, capacity=D(6), orps=[tanvald])
    a = factories.plan_in_state("included", call=call, service=housing_l, orps=[liberec])
    RegionalDecision.objects.create(
        plan=a,
        outcome="included",
        approved_capacity=D(12),
        body=DecidingBody.REGIONAL_ASSEMBLY,
        resolution_number="402/17/ZK",
        resolution_date=dt.date(2017, 9, 26),
        decided_by=regional_officer,
    )
    factories.plan_in_state(
        "awaiting_opinion",
        call=call,
        service=housing_t,
        orps=[tanvald],
        capacity_current=D(6),
        capacity_requested=D(10),
    )
    table = DemandTable.objects.create(
        region=region,
        title="AP Tanvaldsko",
        valid_from=2019,
        valid_to=2020,
        recorded_by=regional_officer,
    )
    need(table, "51", "9", orp=tanvald)
    older = DemandTable.objects.create(
        region=region, title="KP Liberec", valid_from=2016, recorded_by=regional_officer
    )
    need(older, "51", "5", orp=liberec)
    later = DemandTable.objects.create(
        region=region, title="AP 2024", valid_from=2024, valid_to=2024, recorded_by=regional_officer
    )
    need(later, "51", "100", orp=tanvald)
    return {
        "liberec": liberec,
        "tanvald": tanvald,
        "period": period,
        "call": call,
        "region": region,
    }


def test_need_and_gap_per_orp(world: dict[str, Any], region: Any) -> None:
    period = world["period"]
    plans = plans_for_capacity(period=period, region_ids={region.pk})
    matrix = capacity_matrix(period=period, plans=plans)
    add_need_by_orp(matrix, need_rows(region_ids={region.pk}, period=period))
    housing = factories.service_type("51").pk
    liberec = matrix.cell(world["liberec"].pk, housing, "beds")
    tanvald = matrix.cell(world["tanvald"].pk, housing, "beds")
    assert (liberec.network, liberec.need, liberec.requested, liberec.approved) == (15, 5, 12, 9)
    assert liberec.gap == D(-4)  # more approved than the need stated
    assert (tanvald.network, tanvald.need, tanvald.requested, tanvald.approved) == (6, 9, 4, 0)
    assert tanvald.gap == D(9)
    total = matrix.type_total(housing, "beds")
    assert (total.need, total.requested, total.approved, total.gap) == (14, 16, 9, 5)
    assert matrix.total("beds").need == D(14)


def test_an_areas_need_counts_in_each_of_its_orps_once_in_the_total(
    world: dict[str, Any], region: Any, regional_officer: Any
) -> None:
    scheme = PlanningScheme.objects.create(region=region, name="NZDM (16 částí)")
    area = PlanningArea.objects.create(scheme=scheme, name="Jizerské hory a Liberecko")
    for name in ("Tanvald", "Liberec"):
        PlanningAreaMember.objects.create(
            area=area, scheme=scheme, municipality=factories.municipality(name)
        )
    table = DemandTable.objects.get(title="AP Tanvaldsko")
    need(table, "51", "2", area=area)
    period = world["period"]
    matrix = capacity_matrix(period=period, plans=None)
    add_need_by_orp(matrix, need_rows(region_ids={region.pk}, period=period))
    housing = factories.service_type("51").pk
    assert matrix.cell(world["tanvald"].pk, housing, "beds").need == D(11)
    assert matrix.cell(world["liberec"].pk, housing, "beds").need == D(7)
    assert matrix.type_total(housing, "beds").need == D(16)


def _scheme(region: Any) -> PlanningScheme:
    """Two areas: "Jizera" (Tanvald and Desná, of ORP Tanvald) and "Liberecko" (Liberec)."""
    scheme = PlanningScheme.objects.create(region=region, name="SAS (14 částí)")
    jizera = PlanningArea.objects.create(scheme=scheme, name="Jizera")
    liberecko = PlanningArea.objects.create(scheme=scheme, name="Liberecko")
    for area, names in ((jizera, ["Tanvald", "Desná"]), (liberecko, ["Liberec"])):
        for name in names:
            PlanningAreaMember.objects.create(
                area=area, scheme=scheme, municipality=Municipality.objects.get(name=name)
            )
    return scheme


def test_the_matrix_by_planning_area(world: dict[str, Any], region: Any) -> None:
    scheme = _scheme(region)
    period = world["period"]
    plans = plans_for_capacity(period=period, region_ids={region.pk}, call=world["call"])
    matrix = capacity_matrix_by_area(period=period, plans=plans, scheme_id=scheme.pk)
    add_need_by_area(matrix, need_rows(region_ids={region.pk}, period=period), scheme_id=scheme.pk)
    housing = factories.service_type("51").pk
    jizera = scheme.areas.get(name="Jizera").pk
    liberecko = scheme.areas.get(name="Liberecko").pk
    cell = matrix.cell(jizera, housing, "beds")
    assert (cell.network, cell.need, cell.requested, cell.approved, cell.gap) == (6, 9, 4, 0, 9)
    cell = matrix.cell(liberecko, housing, "beds")
    assert (cell.network, cell.need, cell.requested, cell.approved) == (15, 5, 12, 9)
    assert matrix.total("beds").network == D(21)
    assert matrix.type_total(housing, "beds").need == D(14)


def test_the_dashboard_of_a_call_with_a_scheme_groups_by_its_areas(
    world: dict[str, Any], region: Any, client_as: Any, regional_officer: Any
) -> None:
    scheme = _scheme(region)
    call = world["call"]
    call.planning_scheme = scheme
    call.save()
    with translation.override("cs"):
        url = reverse("insight:capacity")
    response = client_as("regional_officer").get(
        url, {"period": world["period"].pk, "call": call.pk, "unit": "beds"}
    )
    body = response.content.decode()
    assert "Jizera" in body and "Liberecko" in body
    assert "Plánovací oblast" in body or "Planning area" in body
    assert 'id="need-chart-table"' in body and "<svg" in body
    # the need chart's row of § 51: network 21, need 14, requested 16, approved 9, gap 5
    row = body.split('id="need-chart-table"')[1].split("</tr>")[1]
    assert [cell.split("<")[0] for cell in row.split('class="num')[1:]] == [
        '">21',
        '">14',
        '">16',
        '">9',
        ' gap-open">5',
    ]


def test_the_public_sees_no_need(world: dict[str, Any], client_as: Any) -> None:
    body = (
        client_as("anonymous")
        .get(reverse("insight:capacity"), {"period": world["period"].pk})
        .content.decode()
    )
    assert "need-chart" not in body
