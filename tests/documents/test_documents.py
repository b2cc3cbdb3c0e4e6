"""Documents generated at the transitions: the submitted plan, the City of Liberec's opinion
quoting resolution 827/2017, the regional decision; stored once with a SHA-256, immutable,
new versions on regeneration, downloads only for those who may see the plan."""

import datetime as dt
import hashlib
import io
import shutil
import subprocess
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from backend.documents.models import Document, DocumentKind, ImmutableDocument
from backend.documents.services import DocumentCorrupted, document_create, document_read
from backend.documents.typography import NBSP, czech_text
from backend.machines.errors import TransitionConflict
from backend.machines.opinion_review.states import Verdict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState
from backend.plans.choices import DecidingBody, ResolutionOutcome
from backend.plans.services import plan_create
from backend.registry.choices import ServiceForm
from tests import factories
from tests.helpers import prague
from workflows.opinion_review.actions import (
    opinion_draft,
    opinion_record_resolution,
    opinion_send_to_council,
)
from workflows.plan_review.actions import plan_decide, plan_submit

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    """The PDF's text with no-break spaces as plain spaces and lines joined."""
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace(NBSP, " ").split())


@pytest.fixture
def tulipan_extension(
    provider: Any,
    liberec_orp: Any,
    open_call: Any,
    provider_user: Any,
    municipal_officer: Any,
    council_secretary: Any,
    regional_officer: Any,
    django_capture_on_commit_callbacks: Any,
) -> Any:
    """TULIPAN's 3 → 15 beds, supported by Liberec with resolution 827/2017, included."""
    provider.address = "Sokolská 113/8, Liberec 1"
    provider.save()
    service = factories.SocialServiceFactory(
        provider=provider,
        name="Chráněné bydlení TULIPAN",
        registration_number="8533092",
        service_type=factories.service_type("51"),
        form=ServiceForm.RESIDENTIAL,
        orps=[liberec_orp],
    )
    plan = plan_create(
        by=provider_user,
        call=open_call,
        service=service,
        kind=PlanKind.CAPACITY_INCREASE,
        capacity_current=Decimal(3),
        capacity_requested=Decimal(15),
        justification="Rozšíření chráněného bydlení v Liberci.",
        orps=[liberec_orp],
    )
    with django_capture_on_commit_callbacks(execute=True):
        plan_submit(plan=plan, by=provider_user)
    opinion = plan.opinions.get()
    with django_capture_on_commit_callbacks(execute=True):
        opinion_draft(
            opinion=opinion,
            by=municipal_officer,
            verdict=Verdict.SUPPORTS,
            reasoning="Služba odpovídá komunitnímu plánu města.",
        )
        opinion_send_to_council(opinion=opinion, by=municipal_officer)
    with (
        time_machine.travel(prague(2017, 8, 29, 15), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        opinion_record_resolution(
            opinion=opinion,
            by=council_secretary,
            number="827/2017",
            meeting_date=dt.date(2017, 8, 29),
            outcome=ResolutionOutcome.APPROVED,
        )
    with django_capture_on_commit_callbacks(execute=True):
        plan_decide(
            plan=plan,
            by=regional_officer,
            outcome=PlanState.INCLUDED,
            body=DecidingBody.REGIONAL_ASSEMBLY,
            resolution_number="402/17/ZK",
            resolution_date=dt.date(2017, 9, 26),
            approved_capacity=Decimal(15),
        )
    return plan


def test_each_transition_stores_its_document_with_its_checksum(tulipan_extension: Any) -> None:
    documents = {d.kind: d for d in Document.objects.filter(plan=tulipan_extension)}
    assert set(documents) == {DocumentKind.PLAN, DocumentKind.OPINION, DocumentKind.DECISION}
    for document in documents.values():
        content = document_read(document=document)
        assert content.startswith(b"%PDF")
        assert document.sha256 == hashlib.sha256(content).hexdigest()
        assert (document.version, document.size) == (1, len(content))
    assert documents[DocumentKind.OPINION].filename == (
        f"vyjadreni-obce-{tulipan_extension.opinions.get().pk}.pdf"
    )


def test_the_opinion_quotes_the_council_resolution_in_czech(tulipan_extension: Any) -> None:
    document = Document.objects.get(plan=tulipan_extension, kind=DocumentKind.OPINION)
    text = pdf_text(document_read(document=document))
    for expected in [
        "Vyjádření k zařazení sociální služby do základní sítě sociálních služeb",
        "Sdružení TULIPAN, z. s., IČ 26672472, Sokolská 113/8, Liberec 1",
        "Chráněné bydlení TULIPAN, § 51 Chráněné bydlení",
        "identifikátor služby 8533092",
        "Kapacita 3 → 15",
        "podporuje",
        "Odůvodnění Služba odpovídá komunitnímu plánu města.",
        "Podmínky –",  # the reasoning is not typed into the conditions
        "Rada města Liberec usnesením č. 827/2017 ze dne 29. 8. 2017 souhlasila",
        "Datum vydání: 29. 8. 2017",
    ]:
        assert expected in text, expected


def test_the_decision_letter_and_the_plan(tulipan_extension: Any) -> None:
    decision = Document.objects.get(plan=tulipan_extension, kind=DocumentKind.DECISION)
    text = pdf_text(document_read(document=decision))
    assert "Rozhodnutí o zařazení sociální služby do základní sítě sociálních služeb" in text
    assert "usnesením č. 402/17/ZK ze dne 26. 9. 2017" in text
    assert "Schválená kapacita 15" in text
    plan = Document.objects.get(plan=tulipan_extension, kind=DocumentKind.PLAN)
    text = pdf_text(document_read(document=plan))
    assert f"Rozvojový záměr č. {tulipan_extension.pk}" in text
    assert "Rozšíření chráněného bydlení v Liberci." in text


def test_the_fonts_are_embedded(tulipan_extension: Any) -> None:
    document = Document.objects.get(plan=tulipan_extension, kind=DocumentKind.OPINION)
    content = document_read(document=document)
    fonts = [
        f.get_object()
        for f in PdfReader(io.BytesIO(content)).pages[0]["/Resources"]["/Font"].values()
    ]
    assert {str(font["/BaseFont"]).split("+")[1] for font in fonts} >= {"DejaVu-Sans"}
    for font in fonts:  # subsets of the font programmes themselves, not references
        descendant = (
            font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        )
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_the_first_page_renders_to_png(tulipan_extension: Any, tmp_path: Any) -> None:
    document = Document.objects.get(plan=tulipan_extension, kind=DocumentKind.OPINION)
    source = tmp_path / "opinion.pdf"
    source.write_bytes(document_read(document=document))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", source, tmp_path / "page"],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    assert png.read_bytes().startswith(b"\x89PNG")


def test_documents_are_immutable_and_regenerate_as_new_versions(tulipan_extension: Any) -> None:
    first = Document.objects.get(plan=tulipan_extension, kind=DocumentKind.PLAN)
    with pytest.raises(ImmutableDocument):
        first.save()
    with pytest.raises(ImmutableDocument):
        first.delete()
    second = document_create(kind=DocumentKind.PLAN, plan_id=tulipan_extension.pk)
    assert (second.version, second.filename) == (
        2,
        f"rozvojovy-zamer-{tulipan_extension.pk}-v2.pdf",
    )
    assert Document.objects.filter(source=first.source).count() == 2


def test_a_tampered_file_is_refused(tulipan_extension: Any) -> None:
    document = Document.objects.get(plan=tulipan_extension, kind=DocumentKind.PLAN)
    with open(document.file.path, "ab") as handle:
        handle.write(b"tampered")
    with pytest.raises(DocumentCorrupted):
        document_read(document=document)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("provider_user", 200),
        ("municipal_officer", 200),
        ("regional_officer", 200),
        ("other_provider_user", 404),
        ("tanvald_officer", 404),
    ],
)
def test_downloads_only_for_those_who_see_the_plan(
    tulipan_extension: Any, request: pytest.FixtureRequest, role: str, status: int
) -> None:
    client = Client()
    client.force_login(request.getfixturevalue(role))
    document = Document.objects.get(plan=tulipan_extension, kind=DocumentKind.OPINION)
    response = client.get(reverse("plans:document", args=[document.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"] == f'attachment; filename="{document.filename}"'
        assert response["X-Content-SHA256"] == document.sha256
        page = client.get(reverse("plans:detail", args=[tulipan_extension.pk])).content.decode()
        assert reverse("plans:document", args=[document.pk]) in page


def test_czech_typography() -> None:
    assert czech_text("usnesením č. 827/2017 ze dne 29. 8. 2017 a v Liberci") == (
        f"usnesením č.{NBSP}827/2017 ze dne 29.{NBSP}8.{NBSP}2017 a{NBSP}v{NBSP}Liberci"
    )


def test_the_api_lists_the_versions_and_serves_the_files(
    tulipan_extension: Any, provider_user: Any, other_provider_user: Any
) -> None:
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(provider_user)
    listed = api.get("/api/v1/documents/", {"plan": tulipan_extension.pk}).json()["results"]
    assert sorted(d["kind"] for d in listed) == ["decision", "opinion", "plan"]
    opinion = next(d for d in listed if d["kind"] == "opinion")
    response = api.get(opinion["download_url"], HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert hashlib.sha256(response.content).hexdigest() == opinion["sha256"]
    api.force_authenticate(other_provider_user)
    assert api.get("/api/v1/documents/").json()["results"] == []
    assert api.get(f"/api/v1/documents/{opinion['id']}/file/").status_code == 404


def test_a_refused_transition_leaves_no_document(
    make_plan: Any, provider_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    plan = make_plan("draft", capacity_requested=None)  # incomplete: submit is refused
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionConflict):
        plan_submit(plan=plan, by=provider_user)
    assert not Document.objects.filter(plan=plan).exists()
