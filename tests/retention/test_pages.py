"""A file removed after its retention period: the plan page names it without a link, the
API gives no download URL, and both downloads answer 404."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from backend.retention.purge import retention_purge
from tests.retention.conftest import NOW

pytestmark = pytest.mark.django_db


def test_a_removed_file_is_named_but_not_served(
    past_and_within: dict[str, Any], regional_officer: Any
) -> None:
    retention_purge(now=NOW, dry_run=False)
    attachment = past_and_within["purged"][0]
    plan_id = attachment.plan_id
    client = Client()
    client.force_login(regional_officer)
    page = client.get(reverse("plans:detail", args=[plan_id])).content.decode()
    download = reverse("plans:attachment_download", args=[plan_id, attachment.pk])
    assert "rozpocet.pdf" in page and download not in page
    assert "file removed on" in page
    assert client.get(download).status_code == 404
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.force_authenticate(regional_officer)
    (row,) = api.get(f"/api/v1/plans/{plan_id}/attachments/").json()
    assert row["download_url"] is None and row["purged_at"]
    api_download = reverse("api:plan-attachment-download", args=[plan_id, attachment.pk])
    assert api.get(api_download).status_code == 404
