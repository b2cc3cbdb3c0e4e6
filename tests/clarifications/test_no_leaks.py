"""An internal note never reaches a provider or a municipality: not on a page, in an
export, in the timeline, in an API answer, in an e-mail or in a PDF. Nor does a message
shared with the provider reach a municipality, or the other way round."""

import io
import zipfile
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from backend.core.enqueue import inline_delivery
from backend.documents.models import DocumentKind
from backend.documents.rendering import document_context, render_pdf
from notifications.delivery import email_dispatch
from notifications.outbox import outbox_drain
from tests.clarifications.conftest import SECRET, TO_MUNICIPALITY, TO_PROVIDER, Thread
from tests.documents.test_documents import pdf_text

pytestmark = pytest.mark.django_db


def _web(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(user: Any) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def _text(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):  # XLSX: every part of the workbook
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            content = b"".join(book.read(name) for name in book.namelist())
    return content.decode("utf-8", "replace")


def _everything(user: Any, thread: Thread) -> str:
    """Every page, export and API answer about the plan the user can ask for."""
    plan = thread.plan.pk
    web, api = _web(user), _api(user)
    answers = [
        web.get(reverse("plans:detail", args=[plan])),
        web.get(reverse("plans:list")),
        web.get(reverse("plans:export", kwargs={"fmt": "csv"})),
        web.get(reverse("plans:export", kwargs={"fmt": "xlsx"})),
        web.get(reverse("notifications:inbox")),
        api.get(f"/api/v1/plans/{plan}/"),
        api.get("/api/v1/plans/"),
        api.get(f"/api/v1/plans/{plan}/log/"),
        api.get(f"/api/v1/plans/{plan}/messages/"),
        api.get("/api/v1/plans/export/csv/"),
        api.get("/api/v1/plans/export/xlsx/"),
        api.get("/api/v1/me/inbox/"),
    ]
    return "\n".join(_text(response) for response in answers)


def test_the_office_sees_the_whole_thread(thread: Thread, regional_officer: Any) -> None:
    seen = _everything(regional_officer, thread)
    assert SECRET in seen and TO_PROVIDER in seen and TO_MUNICIPALITY in seen


def test_the_provider_never_sees_an_internal_note(thread: Thread, provider_user: Any) -> None:
    seen = _everything(provider_user, thread)
    assert TO_PROVIDER in seen  # the thread is there…
    assert SECRET not in seen  # …without the internal note
    assert TO_MUNICIPALITY not in seen


@pytest.mark.parametrize("who", ["municipal_officer", "council_secretary"])
def test_the_municipality_sees_only_its_audience(
    thread: Thread, who: str, request: pytest.FixtureRequest
) -> None:
    seen = _everything(request.getfixturevalue(who), thread)
    assert TO_MUNICIPALITY in seen
    assert SECRET not in seen
    assert TO_PROVIDER not in seen


def test_no_email_carries_a_message(thread: Thread, colleague_officer: Any) -> None:
    """The notices name the plan and the audience; the text is read in the application
    (so not even an e-mail to another regional officer carries an internal note)."""
    outbox_drain()
    with inline_delivery():
        email_dispatch()
    assert mail.outbox, "the other side was told"
    for message in mail.outbox:
        bodies = [message.subject, message.body, *(body for body, _ in message.alternatives)]
        for text in bodies:
            assert SECRET not in str(text)
            assert TO_PROVIDER not in str(text)
            assert TO_MUNICIPALITY not in str(text)


def test_no_pdf_carries_a_message(thread: Thread) -> None:
    context = document_context(kind=DocumentKind.PLAN, plan=thread.plan, opinion=None)
    text = pdf_text(render_pdf(kind=DocumentKind.PLAN, context=context))
    assert thread.plan.service.name in text
    assert SECRET not in text and TO_PROVIDER not in text


def test_an_internal_notes_attachment_is_missing_to_the_provider(
    plan: Any, regional_officer: Any, provider_user: Any
) -> None:
    from backend.clarifications.models import Audience
    from backend.clarifications.services import message_post
    from tests.security.conftest import pdf_upload

    note = message_post(
        plan=plan,
        by=regional_officer,
        audience=Audience.INTERNAL,
        body=SECRET,
        files=[pdf_upload("posudek.pdf")],
    )
    attachment = note.attachments.get()
    web = _web(provider_user).get(
        reverse("clarifications:attachment", args=[plan.pk, attachment.pk])
    )
    api = _api(provider_user).get(f"/api/v1/plans/{plan.pk}/messages/attachments/{attachment.pk}/")
    assert (web.status_code, api.status_code) == (404, 404)
    assert (
        _web(regional_officer)
        .get(reverse("clarifications:attachment", args=[plan.pk, attachment.pk]))
        .status_code
        == 200
    )
