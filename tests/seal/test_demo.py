"""Every PDF the demo issues carries the region's seal and is recognised as issued."""

import io
from typing import Any

import pytest
from django.core.management import call_command

from backend.documents.models import Document, DocumentKind
from backend.documents.services import document_read
from backend.documents.verification import Verdict, document_verify

pytestmark = pytest.mark.django_db


def test_every_demo_document_is_sealed_and_validates(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # The documents are rendered once the loader's transactions commit.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    documents = list(Document.objects.all())
    assert {d.kind for d in documents} == set(DocumentKind)
    for document in documents:
        result = document_verify(document_read(document=document))
        assert result.verdict == Verdict.ISSUED, document.filename
        assert result.document == document
        assert result.seal.holder == "Elektronická pečeť kraje (TEST)"
