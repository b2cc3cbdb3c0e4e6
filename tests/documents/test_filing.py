"""The filing code and retention of each document kind (docs/records.md, "Filing and
retention"): the shipped rows, what the admin accepts, and the selector."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from backend.documents.models import DocumentFiling, DocumentKind, RetentionMode
from backend.documents.selectors import document_filing_of

pytestmark = pytest.mark.django_db


def test_every_kind_ships_with_its_filing() -> None:
    shipped = {
        filing.kind: (filing.filing_code, filing.retention_mode, filing.retention_years)
        for filing in DocumentFiling.objects.all()
    }
    assert shipped == {
        DocumentKind.PLAN: ("1.4.1", RetentionMode.SHRED, 10),
        DocumentKind.OPINION: ("1.4.2", RetentionMode.SHRED, 10),
        DocumentKind.DECISION: ("1.4.3", RetentionMode.ARCHIVE, 10),
    }


def test_the_selector_answers_none_for_a_kind_without_its_row() -> None:
    filing = document_filing_of(kind=DocumentKind.DECISION)
    assert filing is not None and filing.filing_code == "1.4.3"
    DocumentFiling.objects.filter(kind=DocumentKind.DECISION).delete()
    assert document_filing_of(kind=DocumentKind.DECISION) is None


@pytest.mark.parametrize("code", ["1", "1.4.1", "12.3", "1.2.3.4.5.6.7.8.9.10"])
def test_a_filing_code_is_numbers_separated_by_dots(code: str) -> None:
    filing = DocumentFiling.objects.get(kind=DocumentKind.PLAN)
    filing.filing_code = code
    filing.full_clean()


@pytest.mark.parametrize("code", ["", "1.", ".1", "1..4", "1.4a", "A.1", "1 4", "1.4.1\n"])
def test_a_malformed_filing_code_is_refused(code: str) -> None:
    filing = DocumentFiling.objects.get(kind=DocumentKind.PLAN)
    filing.filing_code = code
    with pytest.raises(ValidationError) as error:
        filing.full_clean()
    assert "filing_code" in error.value.message_dict


@pytest.mark.parametrize(("years", "valid"), [(0, False), (1, True), (100, True), (101, False)])
def test_the_retention_period_is_one_to_a_hundred_years(years: int, valid: bool) -> None:
    filing = DocumentFiling.objects.get(kind=DocumentKind.PLAN)
    filing.retention_years = years
    if valid:
        filing.full_clean()
    else:
        with pytest.raises(ValidationError):
            filing.full_clean()


def test_the_admin_refuses_a_malformed_code_and_never_deletes(
    admin_client_root: Client,
) -> None:
    filing = DocumentFiling.objects.get(kind=DocumentKind.DECISION)
    url = reverse("admin:documents_documentfiling_change", args=[filing.pk])
    data = {"kind": "decision", "filing_code": "1.4.", "retention_mode": "A", "retention_years": 10}
    response = admin_client_root.post(url, data)
    assert response.status_code == 200
    assert "numbers separated by dots" in response.content.decode()
    assert DocumentFiling.objects.get(pk=filing.pk).filing_code == "1.4.3"
    delete = reverse("admin:documents_documentfiling_delete", args=[filing.pk])
    assert admin_client_root.post(delete, {"post": "yes"}).status_code == 403
    assert DocumentFiling.objects.count() == 3
