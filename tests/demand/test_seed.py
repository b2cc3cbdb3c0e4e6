"""The demo loaders against the registry's reference data: the Tanvaldsko action plan 2024
and the family-services project's schemes."""

from decimal import Decimal as D  # noqa: N817
from typing import Any

import pytest
from django.db.models import Sum

from backend.demand.models import DemandEntry
from backend.demand.seed import family_services_schemes_load, tanvaldsko_demand_load
from backend.registry.models import Orp

pytestmark = pytest.mark.django_db


def test_the_tanvaldsko_table_is_loaded_once(region: Any, regional_officer: Any) -> None:
    tanvald = Orp.objects.get(code="5108")
    table = tanvaldsko_demand_load(region=region, orp_tanvald=tanvald, by=regional_officer)
    again = tanvaldsko_demand_load(region=region, orp_tanvald=tanvald, by=regional_officer)
    assert again.pk == table.pk
    assert table.on_behalf and table.recorded_by == regional_officer
    assert table.adopted_on.isoformat() == "2023-12-15"
    entries = DemandEntry.objects.filter(table=table)
    assert entries.count() == 12
    assert set(entries.values_list("orp_id", flat=True)) == {tanvald.pk}
    rehabilitation = entries.filter(service_type__paragraph="70", unit="fte")
    assert rehabilitation.aggregate(total=Sum("quantity"))["total"] == D("17.5")
    assert sorted(rehabilitation.values_list("note", flat=True)) == [
        "věková skupina 11–17 let",
        "věková skupina 18+",
    ]
    expected = {
        ("51", "beds"): D(9),
        ("39", "fte"): D(2),
        ("44", "beds"): D(4),
        ("43", "flats"): D(5),
        ("49", "beds"): D(20),
        ("50", "beds"): D(20),
        ("65", "fte"): D(2),
        ("66", "fte"): D(1),
        ("46", "places"): D(10),
        ("60", "beds"): D(3),
    }
    for (paragraph, unit), quantity in expected.items():
        entry = entries.get(service_type__paragraph=paragraph)
        assert (entry.unit, entry.quantity) == (unit, quantity)


def test_the_family_services_schemes(region: Any, regional_officer: Any) -> None:
    nzdm, sas = family_services_schemes_load(region=region, by=regional_officer)
    assert "16" in nzdm.name and list(nzdm.service_types.values_list("paragraph", flat=True)) == [
        "62"
    ]
    assert "14" in sas.name and list(sas.service_types.values_list("paragraph", flat=True)) == [
        "65"
    ]
    assert not nzdm.areas.exists()  # the source names no parts' municipalities
    assert family_services_schemes_load(region=region, by=regional_officer) == [nzdm, sas]
