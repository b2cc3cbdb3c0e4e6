"""The public call page (deadlines, types, documents; no login), the documents the regional
office publishes through the upload checks, and the "Call subscriptions" page and API."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from backend.announcements.models import CallDocument, CallSubscription
from tests import factories
from tests.helpers import prague
from tests.security.conftest import PDF

pytestmark = pytest.mark.django_db


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _api(user: Any = None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def call(db: None) -> Any:
    call = factories.CallFactory(
        name="Výzva 2027",
        opens_at=prague(2026, 3, 2, 8),
        closes_at=prague(2026, 3, 16, 23, 59),
        opinion_deadline_days=None,
        opinion_deadline_date=prague(2026, 4, 10).date(),
        registration_cutoff=prague(2026, 6, 30).date(),
    )
    call.service_types.set([factories.service_type("51")])
    return call


def _document(call: Any) -> CallDocument:
    return CallDocument.objects.create(
        call=call,
        title="Text výzvy",
        file=SimpleUploadedFile("vyzva.pdf", PDF),
        original_name="vyzva.pdf",
        size=len(PDF),
    )


def test_the_public_page_lists_deadlines_types_and_documents_in_czech(call: Any) -> None:
    document = _document(call)
    body = _client().get(f"/calls/{call.pk}/announcement/").content.decode()
    assert "Výzva 2027" in body
    for fact in ("Zahájení příjmu záměrů", "2. 3. 2026 8:00", "10. 4. 2026", "30. 6. 2026"):
        assert fact in body, fact
    assert "§ 51 Chráněné bydlení" in body
    assert "Text výzvy" in body
    assert f'href="/calls/{call.pk}/documents/{document.pk}/"' in body


def test_anyone_downloads_a_document_but_only_of_its_own_call(call: Any) -> None:
    document = _document(call)
    response = _client().get(reverse("calls:document", args=[call.pk, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment")
    other = factories.CallFactory()
    assert _client().get(reverse("calls:document", args=[other.pk, document.pk])).status_code == 404
    assert _api().get(f"/api/v1/calls/{call.pk}/documents/").json()[0]["title"] == "Text výzvy"


def test_the_office_publishes_a_document_and_a_disguised_file_is_refused(
    call: Any, regional_officer: Any
) -> None:
    client = _client(regional_officer)
    url = reverse("calls:document_upload", args=[call.pk])
    fake = SimpleUploadedFile("vyzva.pdf", b"MZ\x90\x00 not a pdf at all" * 10)
    refused = client.post(url, {"title": "Pravidla hodnocení", "file": fake})
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "does not match its name" in body and 'value="Pravidla hodnocení"' in body
    assert not CallDocument.objects.exists()
    ok = client.post(url, {"title": "Pravidla hodnocení", "file": SimpleUploadedFile("p.pdf", PDF)})
    assert ok.status_code == 302
    assert CallDocument.objects.get().title == "Pravidla hodnocení"
    api = _api(regional_officer).post(
        f"/api/v1/calls/{call.pk}/documents/",
        {"title": "Formulář", "file": SimpleUploadedFile("f.exe", b"MZ")},
        format="multipart",
    )
    assert api.status_code == 400 and "file" in api.json()["errors"]


def test_the_subscriptions_page_starts_from_the_default_and_saves(
    service: Any, provider_user: Any
) -> None:
    client = _client(provider_user)
    page = client.get(reverse("calls:subscriptions")).content.decode()
    sheltered = factories.service_type("51").pk
    assert f'value="{sheltered}" id="subscription_service_types_' in page
    assert "checked" in page.split(f'value="{sheltered}"')[1].split(">")[0]
    saved = client.post(
        reverse("calls:subscriptions"), {"service_types": [factories.service_type("70").pk]}
    )
    assert saved.status_code == 302
    chosen = CallSubscription.objects.get(user=provider_user)
    assert [t.paragraph for t in chosen.service_types.all()] == ["70"]
    bad = client.post(reverse("calls:subscriptions"), {"service_types": ["99999"]})
    assert bad.status_code == 400
    assert list(chosen.service_types.values_list("paragraph", flat=True)) == ["70"]


def test_the_subscription_api(service: Any, provider_user: Any) -> None:
    api = _api(provider_user)
    assert api.get("/api/v1/me/call-subscriptions/").json() == {
        "all_types": False,
        "service_types": ["51"],
        "chosen": False,
    }
    bad = api.put(
        "/api/v1/me/call-subscriptions/",
        {"all_types": False, "service_types": ["999"]},
        format="json",
    )
    assert bad.status_code == 400 and "service_types" in bad.json()["errors"]
    done = api.put(
        "/api/v1/me/call-subscriptions/",
        {"all_types": True, "service_types": []},
        format="json",
    )
    assert done.json() == {"all_types": True, "service_types": [], "chosen": True}


def test_a_call_announced_through_the_api_names_its_types_and_tells_the_subscribers(
    service: Any, provider_user: Any, regional_officer: Any
) -> None:
    import datetime as dt

    from django.utils import timezone

    from notifications.kinds import Kind
    from notifications.models import Notification
    from notifications.outbox import outbox_drain

    now = timezone.now()
    data = {
        "name": "Výzva 2027",
        "period": factories.NetworkPeriodFactory().pk,
        "opens_at": (now + dt.timedelta(days=10)).isoformat(),
        "closes_at": (now + dt.timedelta(days=20)).isoformat(),
        "service_types": ["51", "70"],
    }
    response = _api(regional_officer).post("/api/v1/calls/", data, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["service_types"] == ["51", "70"]
    unknown = _api(regional_officer).post(
        "/api/v1/calls/", {**data, "service_types": ["99"]}, format="json"
    )
    assert unknown.status_code == 400 and "service_types" in unknown.json()["errors"]
    outbox_drain()
    told = Notification.objects.filter(kind=Kind.CALL_ANNOUNCED)
    assert list(told.values_list("recipient__username", flat=True)) == ["tulipan"]
