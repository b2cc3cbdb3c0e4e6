"""The public "verify a document" page: a stored document is recognised with its plan; a
changed file, a foreign PDF and a non-PDF are refused with a clear message."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from backend.core.throttling import VerifyThrottle
from backend.documents.models import Document, DocumentKind
from backend.documents.services import document_create, document_read
from backend.documents.verification import Verdict, document_verify
from tests.documents.test_documents import tulipan_extension  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _url() -> str:
    """The page in the active language: /en/verify/ in the tests, /verify/ in Czech."""
    return reverse("web:verify")


def _post(client: Client, content: bytes, name: str = "rozhodnuti.pdf") -> Any:
    return client.post(_url(), {"file": SimpleUploadedFile(name, content, "application/pdf")})


def test_every_issued_document_is_sealed_and_recognised(tulipan_extension: Any) -> None:  # noqa: F811
    documents = Document.objects.filter(plan=tulipan_extension)
    assert {d.kind for d in documents} == set(DocumentKind)
    for document in documents:
        result = document_verify(document_read(document=document))
        assert result.verdict == Verdict.ISSUED, document
        assert result.document == document
        assert not result.superseded


def test_the_page_names_the_plan_of_an_issued_document(
    tulipan_extension: Any,  # noqa: F811
) -> None:
    decision = Document.objects.get(plan=tulipan_extension, kind=DocumentKind.DECISION)
    response = _post(Client(), document_read(document=decision))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The region issued this document and it has not been changed." in page
    assert f"plan no. {tulipan_extension.pk}" in page
    assert decision.reference_number.value in page
    assert "Elektronická pečeť kraje (TEST)" in page
    # A signed-in visitor is not needed, and the anonymous one gets no link to the plan.
    assert reverse("plans:detail", args=[tulipan_extension.pk]) not in page


def test_a_superseded_version_is_flagged(tulipan_extension: Any) -> None:  # noqa: F811
    first = Document.objects.get(plan=tulipan_extension, kind=DocumentKind.PLAN)
    document_create(kind=DocumentKind.PLAN, plan_id=tulipan_extension.pk)
    result = document_verify(document_read(document=first))
    assert (result.verdict, result.superseded) == (Verdict.ISSUED, True)
    page = _post(Client(), document_read(document=first)).content.decode()
    assert "A newer version of this document has been issued since." in page


def test_a_changed_file_is_refused(tulipan_extension: Any) -> None:  # noqa: F811
    decision = Document.objects.get(plan=tulipan_extension, kind=DocumentKind.DECISION)
    content = bytearray(document_read(document=decision))
    content[content.index(b"stream") + 40] ^= 0x01
    response = _post(Client(), bytes(content))
    assert response.status_code == 200
    assert "This document has been changed after it was sealed." in response.content.decode()


def test_a_foreign_pdf_and_a_non_pdf_are_refused(plain_pdf: bytes) -> None:
    page = _post(Client(), plain_pdf).content.decode()
    assert "The region did not issue this document." in page
    assert "It carries no electronic seal of the region." in page
    page = _post(Client(), b"GIF89a not a pdf", "obrazek.pdf").content.decode()
    assert "The file is not a readable PDF document." in page


def test_a_sealed_pdf_not_among_the_documents_is_not_issued(sealed_pdf: bytes) -> None:
    """Sealed with the region's key, but never stored: not a document of this system."""
    assert document_verify(sealed_pdf).verdict == Verdict.NOT_ISSUED


def test_no_file_and_an_oversized_file(settings: Any) -> None:
    client = Client()
    assert client.get(_url()).status_code == 200
    response = client.post(_url(), {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    settings.ATTACHMENT_MAX_BYTES = 1024
    response = _post(client, b"%PDF-1.7\n" + b"0" * 4096)
    assert response.status_code == 400
    assert "The file is too large" in response.content.decode()


def test_the_page_in_czech(plain_pdf: bytes) -> None:
    with translation.override("cs"):
        response = _post(Client(), plain_pdf)
    page = response.content.decode()
    assert "Ověření dokumentu" in page
    assert "Tento dokument kraj nevydal." in page


def test_the_api_twin(tulipan_extension: Any, plain_pdf: bytes) -> None:  # noqa: F811
    decision = Document.objects.get(plan=tulipan_extension, kind=DocumentKind.DECISION)
    client = Client()
    url = "/api/v1/documents/verify/"
    body = client.post(url, {"file": SimpleUploadedFile("r.pdf", document_read(document=decision))})
    assert body.status_code == 200
    data = body.json()
    assert data["verdict"] == "issued"
    assert data["document"] == {
        "id": decision.pk,
        "plan": tulipan_extension.pk,
        "kind": "decision",
        "version": 1,
        "reference_number": decision.reference_number.value,
    }
    assert data["sealed_by"] == "Elektronická pečeť kraje (TEST)"
    assert data["superseded"] is False
    data = client.post(url, {"file": SimpleUploadedFile("a.pdf", plain_pdf)}).json()
    assert (data["verdict"], data["document"], data["sealed_at"]) == ("not_issued", None, None)
    missing = client.post(url, {})
    assert missing.status_code == 400
    assert "file" in missing.json()["errors"] or "file" in str(missing.json())


def test_uploads_are_throttled_per_address(
    monkeypatch: pytest.MonkeyPatch, plain_pdf: bytes
) -> None:
    monkeypatch.setattr(VerifyThrottle, "THROTTLE_RATES", {"verify": "2/min"})
    client = Client()
    for _ in range(2):
        assert _post(client, plain_pdf).status_code == 200
    refused = _post(client, plain_pdf)
    assert refused.status_code == 429
    assert "Too many documents were checked from your address" in refused.content.decode()
    # The page itself still opens, and another address is not affected.
    assert client.get(_url()).status_code == 200
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert _post(other, plain_pdf).status_code == 200
    api = client.post("/api/v1/documents/verify/", {"file": SimpleUploadedFile("a.pdf", plain_pdf)})
    assert api.status_code == 429
