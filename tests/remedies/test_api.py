"""/api/v1/remedies/: the office's list (with its filter), an entry's follow-up, the
provider's statement (multipart), the office's confirmation and "not remedied"."""

from typing import Any

import pytest
import time_machine
from rest_framework.test import APIClient

from backend.network.choices import NetworkLevel
from tests.helpers import prague, reload
from tests.remedies.conftest import pdf

pytestmark = pytest.mark.django_db

FINDING = {"resolution_number": "120/26/RK", "resolution_date": "2026-05-12"}


def _api(user: Any) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def test_statement_then_confirmation(
    reserved: Any, provider_user: Any, regional_officer: Any
) -> None:
    provider, office = _api(provider_user), _api(regional_officer)
    base = f"/api/v1/remedies/{reserved.pk}/"
    bad = provider.post(base + "statement/", {"text": ""}, format="multipart")
    assert bad.status_code == 400 and "text" in bad.json()["errors"]
    sent = provider.post(
        base + "statement/", {"text": "Doloženo.", "documents": [pdf()]}, format="multipart"
    )
    assert sent.status_code == 201, sent.content
    (statement,) = sent.json()["statements"]
    assert statement["text"] == "Doloženo."
    assert statement["documents"][0]["original_name"] == "doklad.pdf"
    with time_machine.travel(prague(2026, 4, 10, 9)):
        listed = office.get("/api/v1/remedies/", {"which": "statement"}).json()
    assert [row["id"] for row in listed["results"]] == [reserved.pk]
    assert listed["results"][0]["statement_count"] == 1
    assert office.get("/api/v1/remedies/", {"which": "nonsense"}).status_code == 400
    missing = office.post(base + "not-remedied/", FINDING)
    assert missing.status_code == 400 and "reason" in missing.json()["errors"]
    confirmed = office.post(base + "confirm/", FINDING)
    assert confirmed.status_code == 200
    assert confirmed.json()["level"] == NetworkLevel.INCLUDED
    assert confirmed.json()["findings"][0]["outcome"] == "remedied"
    again = office.post(base + "not-remedied/", {**FINDING, "reason": "Ne."})
    assert again.status_code == 409 and again.json()["code"] == "conflict"
    assert reload(reserved).level == NetworkLevel.INCLUDED


def test_a_refused_file_is_a_clear_400(reserved: Any, provider_user: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("smlouva.pdf", b"<html>not a pdf</html>")
    response = _api(provider_user).post(
        f"/api/v1/remedies/{reserved.pk}/statement/",
        {"text": "Doloženo.", "documents": [fake]},
        format="multipart",
    )
    assert response.status_code == 400
    assert "smlouva.pdf" in response.json()["errors"]["documents"][0]
    assert not reserved.remedy_statements.exists()


def test_what_a_fuzzer_sends_is_refused_not_a_server_error(
    reserved: Any, provider_user: Any, regional_officer: Any
) -> None:
    office = _api(regional_officer)
    assert office.get("/api/v1/remedies/null,null/").status_code == 404
    assert office.get("/api/v1/remedies/false/").status_code == 404
    assert office.post("/api/v1/remedies/null,null/confirm/", FINDING).status_code == 404
    # A statement without a multipart body: the text is missing, not a crash.
    empty = _api(provider_user).post(f"/api/v1/remedies/{reserved.pk}/statement/")
    assert empty.status_code in (400, 415)
    as_json = _api(provider_user).post(
        f"/api/v1/remedies/{reserved.pk}/statement/", {"text": "Doloženo."}, format="json"
    )
    assert as_json.status_code in (400, 415)
