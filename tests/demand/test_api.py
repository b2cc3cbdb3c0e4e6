"""The demand API: tables with entries, planning schemes and areas, per role."""

from decimal import Decimal as D  # noqa: N817
from typing import Any

import pytest

from backend.demand.models import DemandEntry, DemandTable
from backend.registry.models import Municipality, PlanningArea
from tests import factories

pytestmark = pytest.mark.django_db


def body(orp: Any, quantity: str = "11.5") -> dict[str, Any]:
    return {
        "title": "Akční plán Tanvaldsko 2024",
        "valid_from": 2024,
        "adopted_on": "2023-12-15",
        "entries": [
            {
                "orp": orp.pk,
                "service_type": "70",
                "unit": "fte",
                "quantity": quantity,
                "note": "18+",
            },
            {"orp": orp.pk, "service_type": "51", "unit": "beds", "quantity": "9"},
        ],
    }


def test_an_officer_records_a_table_and_reads_it_back(
    client_for: Any, tanvald_officer: Any, tanvald_orp: Any
) -> None:
    client = client_for(tanvald_officer)
    response = client.post("/api/v1/demand-tables/", body(tanvald_orp), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["on_behalf"] is False
    assert [(e["service_type"], e["quantity"]) for e in data["entries"]] == [
        ("51", "9.00"),
        ("70", "11.50"),
    ]
    listed = client.get("/api/v1/demand-tables/").json()["results"]
    assert [row["id"] for row in listed] == [data["id"]]
    # PATCH without entries keeps the lines; with entries replaces them.
    table_url = f"/api/v1/demand-tables/{data['id']}/"
    assert client.patch(table_url, {"title": "AP 2024"}, format="json").status_code == 200
    assert DemandEntry.objects.count() == 2
    response = client.patch(
        table_url,
        {
            "entries": [
                {"orp": tanvald_orp.pk, "service_type": "70", "unit": "fte", "quantity": "6"}
            ]
        },
        format="json",
    )
    assert response.status_code == 200
    assert list(DemandEntry.objects.values_list("quantity", flat=True)) == [D(6)]
    assert DemandTable.objects.get().title == "AP 2024"


def test_a_municipal_officer_is_refused_another_orp(
    client_for: Any, municipal_officer: Any, tanvald_orp: Any
) -> None:
    response = client_for(municipal_officer).post(
        "/api/v1/demand-tables/", body(tanvald_orp), format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert not DemandTable.objects.exists()


def test_an_entry_names_exactly_one_territory(
    client_for: Any, regional_officer: Any, tanvald_orp: Any
) -> None:
    data = body(tanvald_orp)
    data["entries"][0]["orp"] = None
    response = client_for(regional_officer).post("/api/v1/demand-tables/", data, format="json")
    assert response.status_code == 400
    assert not DemandTable.objects.exists()


@pytest.mark.parametrize("role", ["provider_user", "council_secretary", "stranger"])
def test_other_roles_see_no_table_and_record_none(
    client_for: Any, request: Any, role: str, region: Any, regional_officer: Any, liberec_orp: Any
) -> None:
    table = DemandTable.objects.create(
        region=region, title="AP", valid_from=2024, recorded_by=regional_officer
    )
    client = client_for(request.getfixturevalue(role))
    assert client.get("/api/v1/demand-tables/").json()["results"] == []
    assert client.get(f"/api/v1/demand-tables/{table.pk}/").status_code == 404
    assert (
        client.post("/api/v1/demand-tables/", body(liberec_orp), format="json").status_code == 403
    )


def test_planning_schemes_and_areas(
    client_for: Any, regional_officer: Any, municipal_officer: Any
) -> None:
    office = client_for(regional_officer)
    response = office.post(
        "/api/v1/planning-schemes/",
        {"name": "Rodinné služby 2017 – SAS (14 částí)", "service_types": ["65"]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    scheme_id = response.json()["id"]
    tanvald, desna = (Municipality.objects.get(name=n) for n in ("Tanvald", "Desná"))
    response = office.post(
        "/api/v1/planning-areas/",
        {"scheme": scheme_id, "name": "Tanvaldsko", "municipalities": [tanvald.pk, desna.pk]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    # The same municipality in a second area of the scheme is refused, the area named.
    response = office.post(
        "/api/v1/planning-areas/",
        {"scheme": scheme_id, "name": "Jizerské hory", "municipalities": [desna.pk]},
        format="json",
    )
    assert response.status_code == 400
    assert "Desná (Tanvaldsko)" in str(response.json())
    assert PlanningArea.objects.count() == 1
    # Municipal officers read the schemes, they do not manage them.
    officer = client_for(municipal_officer)
    listed = officer.get("/api/v1/planning-schemes/").json()["results"]
    assert listed[0]["areas"][0]["name"] == "Tanvaldsko"
    assert (
        officer.patch(
            f"/api/v1/planning-schemes/{scheme_id}/", {"name": "X"}, format="json"
        ).status_code
        == 403
    )


def test_a_call_names_a_planning_scheme_of_its_region_only(
    client_for: Any, regional_officer: Any, region: Any
) -> None:
    from backend.registry.models import PlanningScheme, Region

    call = factories.CallFactory(region=region)
    own = PlanningScheme.objects.create(region=region, name="NZDM (16 částí)")
    other = PlanningScheme.objects.create(
        region=Region.objects.create(code="CZ052", name="Královéhradecký kraj"), name="Jiné"
    )
    client = client_for(regional_officer)
    url = f"/api/v1/calls/{call.pk}/"
    response = client.patch(url, {"planning_scheme": other.pk}, format="json")
    assert response.status_code == 400
    response = client.patch(url, {"planning_scheme": own.pk}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["planning_scheme"] == own.pk
