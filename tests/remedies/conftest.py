"""A service of TULIPAN included with a reservation (Z1v) in ORP Liberec, to be remedied by
7 Apr 2026; a regional officer of another region."""

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.accounts.models import Role
from backend.network.choices import NetworkLevel
from backend.registry.models import Orp, Region
from tests import factories
from tests.security.conftest import PDF

DUE = dt.date(2026, 4, 7)
CONDITIONS = "Doložit personální zajištění."


def pdf(name: str = "doklad.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def reserved(provider: Any) -> Any:
    return factories.NetworkEntryFactory(
        service=factories.SocialServiceFactory(provider=provider, name="Chráněné bydlení Lípa"),
        level=NetworkLevel.RESERVATION_Z1V,
        status="included_with_conditions",
        remedy_due=DUE,
        conditions=CONDITIONS,
        resolution_number="258/25/ZK",
        resolution_date=dt.date(2025, 6, 23),
    )


@pytest.fixture
def other_officer(db: None) -> Any:
    """A regional officer of another region (its own ORP)."""
    region = Region.objects.create(code="CZ052", name="Královéhradecký kraj")
    Orp.objects.create(code="5201", name="Hradec Králové", region=region)
    return factories.user_with_role(Role.REGIONAL_OFFICER, region, username="hk")
