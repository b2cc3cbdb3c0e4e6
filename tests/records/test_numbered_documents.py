"""The numbers at work: each submission (and resubmission) and each letter gets its number in
the transition; the PDFs print it, a regenerated version keeps it, the timeline, the plan page
and the API show it."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from backend.core.deadlines import today_in_prague
from backend.documents.models import Document, DocumentKind
from backend.documents.services import (
    document_create,
    document_latest_or_create,
    document_read,
)
from backend.records.models import Direction, ReferenceNumber
from backend.records.services import reference_numbers_of
from backend.timeline.selectors import plan_timeline
from tests.documents.test_documents import pdf_text
from workflows.plan_review.actions import (
    plan_resubmit,
    plan_return_for_completion,
    plan_submit,
)

pytestmark = pytest.mark.django_db


def _expected(plan: Any) -> dict[str, str]:
    year = today_in_prague().year
    liberec = plan.opinions.get().municipality
    return {
        DocumentKind.PLAN: f"KULK/1/{year}",
        # Liberec's own series; its council resolved on 29 August 2017 (the fixture's clock).
        DocumentKind.OPINION: f"OBEC-{liberec.code or f'id{liberec.pk}'}/1/2017",
        DocumentKind.DECISION: f"KULK/2/{year}",
    }


def test_each_document_prints_its_reference_number(tulipan_extension: Any) -> None:
    documents = {
        d.kind: d
        for d in Document.objects.filter(plan=tulipan_extension).select_related("reference_number")
    }
    for kind, value in _expected(tulipan_extension).items():
        assert documents[kind].reference_number.value == value
        assert f"Č. j.: {value}" in pdf_text(document_read(document=documents[kind])), kind
    assert documents[DocumentKind.PLAN].reference_number.direction == Direction.INCOMING
    assert documents[DocumentKind.PLAN].reference_number.subject == tulipan_extension
    assert documents[DocumentKind.DECISION].reference_number.subject == (tulipan_extension.decision)
    assert documents[DocumentKind.OPINION].reference_number.direction == Direction.OUTGOING
    assert ReferenceNumber.objects.count() == 3


def test_a_regenerated_version_keeps_the_number(tulipan_extension: Any) -> None:
    first = Document.objects.get(plan=tulipan_extension, kind=DocumentKind.DECISION)
    second = document_create(kind=DocumentKind.DECISION, plan_id=tulipan_extension.pk)
    assert second.version == 2
    assert second.reference_number == first.reference_number
    assert f"Č. j.: {first.reference_number.value}" in pdf_text(document_read(document=second))
    assert ReferenceNumber.objects.count() == 3  # no new number


def test_a_resubmission_is_a_new_filing_with_a_new_number(
    make_plan: Any,
    provider_user: Any,
    regional_officer: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    plan = make_plan("draft")
    with django_capture_on_commit_callbacks(execute=True):
        plan_submit(plan=plan, by=provider_user)
    plan_return_for_completion(plan=plan, by=regional_officer, reason="Doplňte rozpočet.")
    with django_capture_on_commit_callbacks(execute=True):
        plan_resubmit(plan=plan, by=provider_user)
    year = today_in_prague().year
    assert [n.value for n in reference_numbers_of(plan)] == [f"KULK/1/{year}", f"KULK/2/{year}"]
    versions = Document.objects.filter(plan=plan, kind=DocumentKind.PLAN).order_by("version")
    assert [(d.version, d.reference_number.number) for d in versions] == [(1, 1), (2, 2)]


def test_the_timeline_the_plan_page_and_the_api_show_the_numbers(
    tulipan_extension: Any, provider_user: Any
) -> None:
    expected = _expected(tulipan_extension)
    summaries = [
        entry.summary
        for entry in plan_timeline(plan=tulipan_extension, user=provider_user)
        if entry.subject == "document"
    ]
    for value in expected.values():
        assert any(summary.endswith(f", ref. no. {value}") for summary in summaries), value

    client = Client()
    client.force_login(provider_user)
    page = client.get(reverse("plans:detail", args=[tulipan_extension.pk])).content.decode()
    for value in expected.values():
        assert f"ref. no.&nbsp;{value}" in page

    api = APIClient()
    api.force_authenticate(provider_user)
    listed = api.get("/api/v1/documents/", {"plan": tulipan_extension.pk}).json()["results"]
    assert {d["kind"]: d["reference_number"] for d in listed} == expected


def test_a_pdf_made_on_download_prints_the_transitions_number(
    make_plan: Any, provider_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The rendering after the commit never ran (a broken worker): the PDF made on the first
    download prints the number the submission took."""
    plan = make_plan("draft")
    with django_capture_on_commit_callbacks(execute=False):
        plan_submit(plan=plan, by=provider_user)
    assert not Document.objects.filter(plan=plan).exists()
    document = document_latest_or_create(kind=DocumentKind.PLAN, plan=plan)
    value = f"KULK/1/{today_in_prague().year}"
    assert document.reference_number.value == value
    assert f"Č. j.: {value}" in pdf_text(document_read(document=document))
