"""Shared PDFs for the seal's tests: an unsealed letter and the same letter sealed."""

import pytest
from weasyprint import HTML

from backend.seal.services import pdf_seal


@pytest.fixture(scope="session")
def plain_pdf() -> bytes:
    return HTML(string="<p>Vyjádření obce: příliš žluťoučký kůň.</p>").write_pdf()


@pytest.fixture
def sealed_pdf(plain_pdf: bytes) -> bytes:
    return pdf_seal(plain_pdf, reference_number="KULK/12/2027")
