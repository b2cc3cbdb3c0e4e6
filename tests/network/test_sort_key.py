"""The register's order — period, § type, service name — is one stored, indexed key on the
entry, kept current when a service is renamed, a period or a § type changes."""

from decimal import Decimal
from typing import Any

import pytest

from backend.network.models import NetworkEntry
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(provider: Any) -> dict[str, NetworkEntry]:
    early = factories.NetworkPeriodFactory(start_year=2018, end_year=2020)
    late = factories.NetworkPeriodFactory(start_year=2021, end_year=2023)
    housing = factories.service_type("51")
    field_work = factories.service_type("69")
    assert housing.sort_key < field_work.sort_key

    def entry(name: str, service_type: Any, period: Any) -> NetworkEntry:
        form = "field" if service_type == field_work else "residential"
        service = factories.SocialServiceFactory(
            provider=provider, name=name, service_type=service_type, form=form
        )
        return factories.NetworkEntryFactory(service=service, period=period, capacity=Decimal(3))

    return {
        "late housing": entry("A housing", housing, late),
        "early field": entry("A field work", field_work, early),
        "early housing Z": entry("Z housing", housing, early),
        "early housing B": entry("B housing", housing, early),
    }


def _order(register: dict[str, NetworkEntry]) -> list[str]:
    names = {entry.pk: name for name, entry in register.items()}
    return [names[pk] for pk in NetworkEntry.objects.values_list("pk", flat=True)]


def test_the_register_is_ordered_by_period_type_and_name(register: dict[str, Any]) -> None:
    assert _order(register) == ["early housing B", "early housing Z", "early field", "late housing"]


def test_the_database_computes_the_same_key_as_a_save(register: dict[str, Any]) -> None:
    saved = dict(NetworkEntry.objects.values_list("pk", "sort_key"))
    NetworkEntry.objects.update(sort_key="")
    NetworkEntry.objects.all().refresh_sort_keys()
    assert dict(NetworkEntry.objects.values_list("pk", "sort_key")) == saved
    assert all(saved.values())


def test_a_renamed_service_moves(register: dict[str, Any]) -> None:
    service = register["early housing Z"].service
    service.name = "A housing"
    service.save()
    assert _order(register) == ["early housing Z", "early housing B", "early field", "late housing"]


def test_an_edited_period_moves_its_entries(register: dict[str, Any]) -> None:
    period = register["late housing"].period
    period.start_year, period.end_year = 2015, 2017
    period.save()
    assert _order(register)[0] == "late housing"


def test_a_reordered_service_type_moves_its_entries(register: dict[str, Any]) -> None:
    field_work = register["early field"].service.service_type
    field_work.sort_key = 0
    field_work.save()
    assert _order(register)[:2] == ["early field", "early housing B"]
