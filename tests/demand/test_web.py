"""The demand pages: who records what (per role and territory), the decimal comma, the
list and a table's page."""

from decimal import Decimal as D  # noqa: N817
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from backend.demand.models import DemandEntry, DemandTable
from tests import factories

pytestmark = pytest.mark.django_db


def table_data(territory: str, quantity: str = "11,5", **extra: Any) -> dict[str, Any]:
    data = {
        "title": "Komunitní plán Liberecko 2025",
        "stated_by": "",
        "adopted_on": "2024-11-20",
        "valid_from": "2025",
        "valid_to": "2027",
        "source_reference": "https://www.liberec.cz/kp",
        "entries-TOTAL_FORMS": "2",
        "entries-INITIAL_FORMS": "0",
        "entries-MIN_NUM_FORMS": "0",
        "entries-MAX_NUM_FORMS": "1000",
        "entries-0-territory": territory,
        "entries-0-service_type": str(factories.service_type("70").pk),
        "entries-0-unit": "fte",
        "entries-0-quantity": quantity,
        "entries-0-note": "18+",
    }
    data.update(extra)
    return data


def test_a_municipal_officer_records_its_orps_need_with_a_decimal_comma(
    client_as: Any, municipal_officer: Any, liberec_orp: Any, liberec: Any
) -> None:
    response = client_as("municipal_officer").post(
        reverse("demand:create"), table_data(f"orp:{liberec_orp.pk}")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    table = DemandTable.objects.get()
    assert table.municipality == liberec and not table.on_behalf
    entry = DemandEntry.objects.get()
    assert (entry.orp, entry.quantity, entry.unit, entry.note) == (
        liberec_orp,
        D("11.5"),
        "fte",
        "18+",
    )
    with translation.override("cs"):
        page = client_as("municipal_officer").get(reverse("demand:detail", args=[table.pk]))
    assert "+11,5" in page.content.decode()


def test_a_municipal_officer_cannot_state_another_orps_need(
    client_as: Any, municipal_officer: Any, tanvald_orp: Any
) -> None:
    response = client_as("municipal_officer").post(
        reverse("demand:create"), table_data(f"orp:{tanvald_orp.pk}")
    )
    assert response.status_code == 403
    assert not DemandTable.objects.exists()


def test_the_regional_office_records_on_behalf_of_any_orp(
    client_as: Any, regional_officer: Any, tanvald_orp: Any
) -> None:
    response = client_as("regional_officer").post(
        reverse("demand:create"), table_data(f"orp:{tanvald_orp.pk}", quantity="1 250,5")
    )
    assert response.status_code == 302
    table = DemandTable.objects.get()
    assert table.on_behalf and table.municipality is None
    assert DemandEntry.objects.get().quantity == D("1250.5")


def test_an_unreadable_number_is_refused_with_the_form_kept(
    client_as: Any, regional_officer: Any, tanvald_orp: Any
) -> None:
    response = client_as("regional_officer").post(
        reverse("demand:create"), table_data(f"orp:{tanvald_orp.pk}", quantity="2,5,1")
    )
    assert response.status_code == 400
    assert "2,5,1" in response.content.decode()
    assert not DemandTable.objects.exists()


@pytest.mark.parametrize("role", ["provider_user", "council_secretary", "stranger"])
def test_other_roles_record_nothing(client_as: Any, role: str, liberec_orp: Any) -> None:
    response = client_as(role).post(reverse("demand:create"), table_data(f"orp:{liberec_orp.pk}"))
    assert response.status_code == 403
    assert not DemandTable.objects.exists()


def test_the_list_shows_the_regions_tables_to_its_officers_only(
    client_as: Any, regional_officer: Any, municipal_officer: Any, provider_user: Any, region: Any
) -> None:
    table = DemandTable.objects.create(
        region=region, title="Akční plán Tanvaldsko", valid_from=2024, recorded_by=regional_officer
    )
    for role, shown in [
        ("regional_officer", True),
        ("municipal_officer", True),
        ("provider_user", False),
    ]:
        body = client_as(role).get(reverse("demand:list")).content.decode()
        assert (table.title in body) is shown, role
    assert (
        client_as("provider_user").get(reverse("demand:detail", args=[table.pk])).status_code == 404
    )


def test_editing_replaces_the_lines(
    client_as: Any, municipal_officer: Any, liberec_orp: Any, tanvald_officer: Any
) -> None:
    client = client_as("municipal_officer")
    client.post(reverse("demand:create"), table_data(f"orp:{liberec_orp.pk}"))
    table = DemandTable.objects.get()
    edit = reverse("demand:edit", args=[table.pk])
    assert 'value="11.5"' in client.get(edit).content.decode()  # English: a decimal point
    response = client.post(edit, table_data(f"orp:{liberec_orp.pk}", quantity="3"))
    assert response.status_code == 302
    assert list(table.entries.values_list("quantity", flat=True)) == [D(3)]
    # Another municipality's officer reads the table but may not change it.
    assert client_as("tanvald_officer").get(edit).status_code == 403
