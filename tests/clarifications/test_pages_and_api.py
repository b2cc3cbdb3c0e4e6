"""The plan page's "Questions and messages", the unread counts in the inbox and the plan
list, and the API of a plan's thread."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from backend.clarifications.models import Audience, Message, ThreadRead
from tests.clarifications.conftest import SECRET, TO_PROVIDER, Thread
from tests.security.conftest import pdf_upload

pytestmark = pytest.mark.django_db


def _web(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(user: Any) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def test_the_office_chooses_the_audience_the_provider_does_not(
    plan: Any, regional_officer: Any, provider_user: Any
) -> None:
    office = _web(regional_officer).get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'name="audience"' in office and 'value="internal"' in office
    provider = _web(provider_user).get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'type="hidden" name="audience" value="provider"' in provider
    assert 'value="internal"' not in provider


def test_the_provider_posts_with_an_attachment_and_the_office_reads_it(
    plan: Any, provider_user: Any, regional_officer: Any
) -> None:
    response = _web(provider_user).post(
        reverse("clarifications:post", args=[plan.pk]),
        {"audience": "provider", "body": "Rozpočet přikládáme.", "file": pdf_upload()},
    )
    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.audience, message.author, message.attachments.count()) == (
        Audience.PROVIDER,
        provider_user,
        1,
    )
    page = _web(regional_officer).get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Rozpočet přikládáme." in page and 'data-unread="true"' in page
    attachment = message.attachments.get()
    download = _web(regional_officer).get(
        reverse("clarifications:attachment", args=[plan.pk, attachment.pk])
    )
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_bad_input_keeps_what_was_written(plan: Any, provider_user: Any) -> None:
    fake = SimpleUploadedFile("rozpocet.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = _web(provider_user).post(
        reverse("clarifications:post", args=[plan.pk]),
        {"audience": "provider", "body": "Můj dlouhý dotaz", "file": fake},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Můj dlouhý dotaz" in page and "does not match its name" in page
    assert not Message.objects.exists()
    empty = _web(provider_user).post(
        reverse("clarifications:post", args=[plan.pk]), {"audience": "provider", "body": ""}
    )
    assert empty.status_code == 400


def test_unread_counts_in_the_inbox_and_the_plan_list(thread: Thread, provider_user: Any) -> None:
    client = _web(provider_user)
    listing = client.get(reverse("plans:list")).content.decode()
    assert "1 new message" in listing
    inbox = client.get(reverse("notifications:inbox")).content.decode()
    assert "Unread questions and messages" in inbox and "1 unread" in inbox
    response = client.post(reverse("clarifications:mark_read", args=[thread.plan.pk]))
    assert response.status_code == 302
    assert "new message" not in client.get(reverse("plans:list")).content.decode()
    inbox = client.get(reverse("notifications:inbox")).content.decode()
    assert "Unread questions and messages" not in inbox


def test_the_api_lists_posts_and_marks_read(thread: Thread, provider_user: Any) -> None:
    client = _api(provider_user)
    url = f"/api/v1/plans/{thread.plan.pk}/messages/"
    listed = client.get(url).json()
    assert [(m["audience"], m["body"], m["unread"]) for m in listed] == [
        ("provider", TO_PROVIDER, True)
    ]
    created = client.post(
        url,
        {"audience": "provider", "body": "Doplníme.", "files": [pdf_upload()]},
        format="multipart",
    )
    assert created.status_code == 201, created.content
    download = client.get(created.json()["attachments"][0]["download_url"])
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    read = client.post(f"{url}read/")
    assert read.json() == {"last_read_id": created.json()["id"]}
    assert [m["unread"] for m in client.get(url).json()] == [False, False]
    assert ThreadRead.objects.get(user=provider_user).last_read_id == created.json()["id"]


def test_the_api_refuses_clearly(thread: Thread, provider_user: Any) -> None:
    client = _api(provider_user)
    url = f"/api/v1/plans/{thread.plan.pk}/messages/"
    internal = client.post(url, {"audience": "internal", "body": SECRET}, format="json")
    assert (internal.status_code, internal.json()["code"]) == (403, "forbidden")
    empty = client.post(url, {"audience": "provider", "body": ""}, format="json")
    assert empty.status_code == 400 and "body" in empty.json()["errors"]
    fake = SimpleUploadedFile("a.pdf", b"MZ not a pdf", "application/pdf")
    bad = client.post(
        url, {"audience": "provider", "body": "x", "files": [fake]}, format="multipart"
    )
    assert bad.status_code == 400 and "files" in bad.json()["errors"]
    assert Message.objects.filter(author=provider_user).count() == 0
