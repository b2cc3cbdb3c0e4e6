"""What the database and the services refuse: an entry naming no or two territories, a
municipality in two areas of one scheme; and the plan page's recorded need."""

from decimal import Decimal as D  # noqa: N817
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from backend.demand.models import DemandEntry, DemandTable
from backend.registry.models import Municipality, PlanningArea, PlanningAreaMember, PlanningScheme
from backend.registry.services import planning_area_save
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheme(region: Any) -> PlanningScheme:
    return PlanningScheme.objects.create(region=region, name="NZDM (16 částí)")


def test_an_entry_names_exactly_one_territory_in_the_database(
    region: Any, regional_officer: Any, tanvald_orp: Any, scheme: PlanningScheme
) -> None:
    table = DemandTable.objects.create(
        region=region, title="AP", valid_from=2024, recorded_by=regional_officer
    )
    area = PlanningArea.objects.create(scheme=scheme, name="Tanvaldsko")
    fields = {"table": table, "service_type": factories.service_type("70"), "unit": "fte"}
    for territory in ({}, {"orp": tanvald_orp, "area": area}):
        with pytest.raises(IntegrityError), transaction.atomic():
            DemandEntry.objects.create(quantity=D(1), **fields, **territory)
    DemandEntry.objects.create(quantity=D(1), area=area, **fields)
    DemandEntry.objects.create(quantity=D(1), orp=tanvald_orp, **fields)


def test_a_municipality_in_two_areas_of_a_scheme_is_refused(
    regional_officer: Any, scheme: PlanningScheme, region: Any
) -> None:
    desna = Municipality.objects.get(name="Desná")
    first = planning_area_save(by=regional_officer, scheme=scheme, name="A", municipalities=[desna])
    with pytest.raises(ValidationError) as refused:
        planning_area_save(by=regional_officer, scheme=scheme, name="B", municipalities=[desna])
    assert "Desná (A)" in str(refused.value)
    # ... and by the database, whoever writes.
    second = PlanningArea.objects.create(scheme=scheme, name="B")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanningAreaMember.objects.create(area=second, scheme=scheme, municipality=desna)
    # Another scheme may hold it; the same area may keep it when renamed.
    other = PlanningScheme.objects.create(region=region, name="SAS (14 částí)")
    planning_area_save(by=regional_officer, scheme=other, name="A", municipalities=[desna])
    planning_area_save(
        by=regional_officer, scheme=scheme, area=first, name="A2", municipalities=[desna]
    )


def test_only_the_regional_office_manages_areas(
    municipal_officer: Any, scheme: PlanningScheme
) -> None:
    with pytest.raises(PermissionDenied):
        planning_area_save(by=municipal_officer, scheme=scheme, name="A", municipalities=[])


def test_the_plan_page_shows_the_need_of_its_territory_and_its_areas(
    client_as: Any,
    regional_officer: Any,
    provider_user: Any,
    provider: Any,
    region: Any,
    tanvald_orp: Any,
    scheme: PlanningScheme,
) -> None:
    period = factories.NetworkPeriodFactory(start_year=2024, end_year=2026)
    call = factories.CallFactory(open=True, period=period, region=region, planning_scheme=scheme)
    service = factories.SocialServiceFactory(
        provider=provider, service_type=factories.service_type("51"), orps=[tanvald_orp]
    )
    plan = factories.plan_in_state(
        "awaiting_opinion", call=call, service=service, orps=[tanvald_orp]
    )
    area = planning_area_save(
        by=regional_officer,
        scheme=scheme,
        name="Jizerské hory",
        municipalities=[Municipality.objects.get(name="Desná")],
    )
    table = DemandTable.objects.create(
        region=region,
        title="Akční plán Tanvaldsko 2024",
        valid_from=2024,
        recorded_by=regional_officer,
    )
    DemandEntry.objects.create(
        table=table, orp=tanvald_orp, service_type=service.service_type, unit="beds", quantity=D(9)
    )
    DemandEntry.objects.create(  # another § type: not shown
        table=table,
        orp=tanvald_orp,
        service_type=factories.service_type("49"),
        unit="beds",
        quantity=D(20),
    )
    url = reverse("plans:detail", args=[plan.pk])
    body = client_as("regional_officer").get(url).content.decode()
    box = body.split('id="need-title"')[1].split("</section>")[0]
    assert "Akční plán Tanvaldsko 2024" in box and "+9 beds" in box and "+20" not in box
    assert area.name in body.split('id="plan-areas"')[1].split("</p>")[0]
    # The provider sees the plan's areas, not the municipalities' demand tables.
    body = client_as("provider_user").get(url).content.decode()
    assert 'id="need-title"' not in body and area.name in body


def test_the_history_keeps_each_version_with_its_author(
    regional_officer: Any, tanvald_orp: Any
) -> None:
    from backend.demand.services import (
        EntryInput,
        TableInput,
        demand_table_create,
        demand_table_update,
    )

    line = EntryInput(
        orp=tanvald_orp, service_type=factories.service_type("70"), unit="fte", quantity=D(2)
    )
    table = demand_table_create(
        by=regional_officer, data=TableInput(title="AP", valid_from=2024), entries=[line]
    )
    demand_table_update(
        table=table,
        by=regional_officer,
        data=TableInput(title="AP 2024", valid_from=2024),
        entries=[line],
    )
    titles = list(table.history.order_by("history_date").values_list("title", "history_user"))
    assert titles == [("AP", regional_officer.pk), ("AP 2024", regional_officer.pk)]
    # the replaced line: created, deleted, and its successor created
    kinds = sorted(DemandEntry.history.values_list("history_type", flat=True))
    assert kinds == ["+", "+", "-"]
