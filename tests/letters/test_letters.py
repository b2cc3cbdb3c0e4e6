"""A call's edited letter: append-only versions with who and when, only by the call's
regional office; the decision PDF is made from the version in force and records it (null:
the shipped default), keeps its SHA-256; restoring the default goes back to the shipped text."""

import hashlib
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import TemplateSyntaxError

from backend.audit.guards import AppendOnlyError
from backend.documents.models import Document, DocumentKind
from backend.documents.services import document_read
from backend.letters.kinds import LetterKind
from backend.letters.models import LetterVersion
from backend.letters.sandbox import compile_text
from backend.letters.selectors import letter_version_in_force
from backend.letters.services import letter_default_restore, letter_version_create
from tests import factories
from tests.documents.test_documents import pdf_text

pytestmark = pytest.mark.django_db

EDITED = (
    "Rada kraje usnesením č. {{ resolution_number }} ze dne {{ resolution_date }} "
    "schválila zařazení služby {{ service_name }}.\n\n"
    "Proti tomuto rozhodnutí se nelze odvolat."
)


def test_versions_are_numbered_append_only_and_record_the_author(
    open_call: Any, regional_officer: Any
) -> None:
    first = letter_version_create(
        call=open_call, kind="decision", text="A {{ period }}", by=regional_officer
    )
    second = letter_version_create(
        call=open_call, kind="decision", text="B\r\nC", by=regional_officer
    )
    assert (first.number, second.number) == (1, 2)
    assert second.text == "B\nC" and second.author == regional_officer and second.created_at
    assert letter_version_in_force(call=open_call, kind="decision") == second
    with pytest.raises(AppendOnlyError):
        first.save()
    with pytest.raises(AppendOnlyError):
        second.delete()


def test_a_refused_text_stores_nothing(open_call: Any, regional_officer: Any) -> None:
    with pytest.raises(ValidationError) as error:
        letter_version_create(
            call=open_call, kind="decision", text="A\n{{ plan.provider.ico }}", by=regional_officer
        )
    assert error.value.message_dict["text"] == ["Line 2: unknown variable {{ plan }}"]
    assert not LetterVersion.objects.exists()


@pytest.mark.parametrize("role", ["provider_user", "municipal_officer", "stranger"])
def test_only_the_calls_regional_office_edits(open_call: Any, role: str, request: Any) -> None:
    with pytest.raises(PermissionDenied):
        letter_version_create(
            call=open_call, kind="decision", text="A", by=request.getfixturevalue(role)
        )
    assert not LetterVersion.objects.exists()


def test_another_regions_officer_may_not_edit(open_call: Any) -> None:
    from backend.accounts.models import Role
    from backend.registry.models import Region

    other = Region.objects.create(code="CZ052", name="Královéhradecký kraj")
    officer = factories.user_with_role(Role.REGIONAL_OFFICER, other, username="hk")
    with pytest.raises(PermissionDenied):
        letter_default_restore(call=open_call, kind="decision", by=officer)


def test_the_engine_reads_no_files_even_unchecked() -> None:
    for text in (
        "{% include 'documents/base.html' %}",
        "{% load i18n %}",
        "{% extends 'base.html' %}",
    ):
        with pytest.raises(TemplateSyntaxError):
            compile_text(text)


def test_the_decision_pdf_is_made_from_the_edited_text_and_records_it(
    open_call: Any, regional_officer: Any, waiting_plan: Any, decide: Any
) -> None:
    version = letter_version_create(
        call=open_call, kind="decision", text=EDITED, by=regional_officer
    )
    decide(waiting_plan)
    document = Document.objects.get(plan=waiting_plan, kind=DocumentKind.DECISION)
    assert document.letter_version == version
    content = document_read(document=document)
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    text = pdf_text(content)
    assert "Rada kraje usnesením č. 402/17/ZK ze dne 26. 9. 2017 schválila zařazení služby" in text
    assert "Proti tomuto rozhodnutí se nelze odvolat." in text
    assert "rozhodl o Vašem rozvojovém záměru" not in text  # the shipped paragraph is replaced
    assert "Schválená kapacita" in text  # the shipped layout stays


def test_without_a_version_and_after_restoring_the_default_the_shipped_text(
    open_call: Any, regional_officer: Any, waiting_plan: Any, decide: Any
) -> None:
    letter_version_create(call=open_call, kind="decision", text=EDITED, by=regional_officer)
    restored = letter_default_restore(call=open_call, kind="decision", by=regional_officer)
    assert restored.number == 2 and restored.uses_default
    assert letter_version_in_force(call=open_call, kind="decision") is None
    decide(waiting_plan)
    document = Document.objects.get(plan=waiting_plan, kind=DocumentKind.DECISION)
    assert document.letter_version is None
    text = pdf_text(document_read(document=document))
    assert "usnesením č. 402/17/ZK ze dne 26. 9. 2017 rozhodl o Vašem rozvojovém záměru" in text


def test_another_calls_text_is_not_used(
    regional_officer: Any, waiting_plan: Any, decide: Any
) -> None:
    other_call = factories.CallFactory(open=True, region=waiting_plan.call.region, name="Jiná")
    letter_version_create(call=other_call, kind="decision", text=EDITED, by=regional_officer)
    decide(waiting_plan)
    document = Document.objects.get(plan=waiting_plan, kind=DocumentKind.DECISION)
    assert document.letter_version is None


def test_the_opinion_letter_is_editable_too(
    open_call: Any,
    regional_officer: Any,
    municipal_officer: Any,
    liberec: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from backend.documents.services import document_create

    version = letter_version_create(
        call=open_call,
        kind=LetterKind.OPINION,
        text="{{ municipality_name }} se vyjadřuje k záměru č. {{ plan_number }}: {{ verdict }}.",
        by=regional_officer,
    )
    opinion = factories.opinion_in_state(
        "issued",
        plan=factories.plan_in_state("awaiting_decision", call=open_call),
        municipality=liberec,
    )
    document = document_create(
        kind=DocumentKind.OPINION, plan_id=opinion.plan_id, opinion_id=opinion.pk
    )
    assert document.letter_version == version
    text = pdf_text(document_read(document=document))
    assert f"Liberec se vyjadřuje k záměru č. {opinion.plan_id}: podporuje." in text, text[:300]


def test_markup_in_a_text_or_a_value_stays_literal_in_the_pdf(
    open_call: Any, regional_officer: Any, waiting_plan: Any, decide: Any
) -> None:
    from backend.documents.previews import letter_preview

    text = 'Viz <img src="file:///etc/hostname"> a <b>tučně</b> pro {{ service_name }}.'
    letter_version_create(call=open_call, kind="decision", text=text, by=regional_officer)
    waiting_plan.service.name = "Služba <i>X</i>"
    waiting_plan.service.save()
    decide(waiting_plan)
    html = letter_preview(kind="decision", plan=waiting_plan).html
    assert "&lt;img src=&quot;file:///etc/hostname&quot;&gt;" in html and "<img" not in html
    assert "Služba &lt;i&gt;X&lt;/i&gt;" in html
    document = Document.objects.get(plan=waiting_plan, kind=DocumentKind.DECISION)
    assert '<img src="file:///etc/hostname">' in pdf_text(document_read(document=document))
