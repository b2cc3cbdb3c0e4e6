"""The demo's current call has an edited decision letter, and its decision PDFs were made
from it (they name the version, say the changed paragraph, keep their SHA-256)."""

import hashlib
import io
from typing import Any

import pytest
from django.core.management import call_command

from backend.documents.models import Document, DocumentKind
from backend.documents.services import document_read
from backend.letters.models import LetterVersion
from tests.documents.test_documents import pdf_text

pytestmark = pytest.mark.django_db(transaction=False)


def test_the_demo_decision_letters_come_from_the_edited_text(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # The documents are rendered when the demo's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
    version = LetterVersion.objects.get(template__kind="decision")
    assert version.author.username == "kraj" and version.number == 1
    documents = Document.objects.filter(
        kind=DocumentKind.DECISION, plan__call=version.template.call
    )
    assert documents.count() == 3
    for document in documents:
        assert document.letter_version == version
        content = document_read(document=document)
        assert hashlib.sha256(content).hexdigest() == document.sha256
        assert "Rozhodnutí je zveřejněno v registru základní sítě sociálních služeb." in pdf_text(
            content
        )
    # The 2017 case's decision keeps the shipped text.
    assert Document.objects.filter(kind=DocumentKind.DECISION, letter_version=None).exists()
