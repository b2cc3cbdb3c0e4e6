"""A call configured as the Liberec Region's: form A with a required proof of need (PDF)."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.accounts.models import Role
from backend.callsetup.models import RequestForm, RequiredDocument
from backend.callsetup.services import request_form_create, required_document_create
from backend.registry.models import Region
from tests import factories
from tests.security.conftest import PDF
from tests.uploads.samples import PNG

PROOF = "Doklad o potřebnosti"


def pdf(name: str = "potrebnost.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png(name: str = "sken.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


@pytest.fixture
def form_a(open_call: Any, regional_officer: Any) -> RequestForm:
    """Form A of the open call: for new services and capacity increases; it makes the
    amount requested required and asks for a proof of need in PDF."""
    form = request_form_create(
        call=open_call,
        by=regional_officer,
        code="A",
        name="Nová služba",
        kinds=["inclusion", "capacity_increase"],
        required_fields=["amount_requested", "justification"],
        description="Žádost o zařazení nové služby.",
    )
    required_document_create(form=form, by=regional_officer, name=PROOF, file_types=["pdf"])
    return form


@pytest.fixture
def proof(form_a: RequestForm) -> RequiredDocument:
    return form_a.documents.get()


@pytest.fixture
def other_region_officer(db: None) -> Any:
    other = Region.objects.create(code="CZ052", name="Královéhradecký kraj")
    return factories.user_with_role(Role.REGIONAL_OFFICER, other, username="hk")


@pytest.fixture
def plan_a(form_a: RequestForm, service: Any, liberec: Any) -> Any:
    """A draft under form A, complete but for the amount requested and the proof of need."""
    return factories.DevelopmentPlanFactory(call=form_a.call, service=service, request_form=form_a)
