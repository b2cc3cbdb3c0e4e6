"""Who read a plan's documents: every download of an attachment, a generated PDF or a
council resolution's scan, web and API, leaves one row; refused downloads leave none."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from backend.audit.models import AttachmentAccess
from backend.documents.models import Document, DocumentKind
from backend.plans.choices import AttachmentKind
from backend.plans.services import attachment_add
from tests import factories
from tests.uploads.samples import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def attachment(make_plan: Callable[..., Any], provider_user: Any) -> Any:
    return attachment_add(
        plan=make_plan("draft"),
        by=provider_user,
        kind=AttachmentKind.BUDGET,
        file=SimpleUploadedFile("rozpočet 2018.pdf", PDF),
    )


def _only_access() -> AttachmentAccess:
    return AttachmentAccess.objects.get()


def test_a_web_download_of_an_attachment_is_logged(
    attachment: Any, client_as: Callable[[str], Client], regional_officer: Any
) -> None:
    url = reverse("plans:attachment_download", args=[attachment.plan_id, attachment.pk])
    assert client_as("regional_officer").get(url).status_code == 200
    access = _only_access()
    assert (access.user, access.plan_id, access.attachment, access.kind, access.channel) == (
        regional_officer,
        attachment.plan_id,
        attachment,
        "attachment",
        "web",
    )
    assert access.filename == "rozpočet 2018.pdf"


def test_an_api_download_of_an_attachment_is_logged(
    attachment: Any, client_for: Any, provider_user: Any
) -> None:
    url = f"/api/v1/plans/{attachment.plan_id}/attachments/{attachment.pk}/"
    assert client_for(provider_user).get(url).status_code == 200
    access = _only_access()
    assert (access.user, access.attachment, access.channel) == (provider_user, attachment, "api")


def test_a_refused_download_is_not_logged(
    attachment: Any, client_as: Callable[[str], Client]
) -> None:
    url = reverse("plans:attachment_download", args=[attachment.plan_id, attachment.pk])
    assert client_as("other_provider_user").get(url).status_code == 404
    assert not AttachmentAccess.objects.exists()


def test_generated_documents_are_logged_web_and_api(
    make_plan: Callable[..., Any],
    client_as: Callable[[str], Client],
    client_for: Any,
    provider_user: Any,
    regional_officer: Any,
) -> None:
    plan = make_plan("awaiting_opinion")
    assert client_as("provider_user").get(reverse("plans:pdf", args=[plan.pk])).status_code == 200
    document = Document.objects.get(plan=plan, kind=DocumentKind.PLAN)
    api = client_for(regional_officer).get(f"/api/v1/documents/{document.pk}/file/")
    assert api.status_code == 200
    rows = list(
        AttachmentAccess.objects.order_by("id").values_list(
            "user", "plan", "document", "kind", "channel"
        )
    )
    assert rows == [
        (provider_user.pk, plan.pk, document.pk, "document", "web"),
        (regional_officer.pk, plan.pk, document.pk, "document", "api"),
    ]


def test_a_resolution_scan_download_is_logged(
    client_for: Any, council_secretary: Any, liberec: Any
) -> None:
    resolution = factories.CouncilResolutionFactory(
        municipality=liberec, document=SimpleUploadedFile("usneseni.pdf", PDF)
    )
    response = client_for(council_secretary).get(f"/api/v1/resolutions/{resolution.pk}/document/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    number = resolution.number.replace("/", "-")
    assert response["Content-Disposition"] == f'attachment; filename="usneseni-{number}.pdf"'
    access = _only_access()
    assert (access.user, access.resolution, access.kind) == (
        council_secretary,
        resolution,
        "resolution",
    )


def test_the_log_is_visible_read_only_in_the_admin(
    attachment: Any, client_as: Callable[[str], Client], superuser: Any
) -> None:
    url = reverse("plans:attachment_download", args=[attachment.plan_id, attachment.pk])
    client_as("provider_user").get(url)
    admin = Client()
    admin.force_login(superuser)
    page = admin.get(reverse("admin:audit_attachmentaccess_changelist")).content.decode()
    assert "rozpočet 2018.pdf" in page


def test_regional_officers_read_the_log_in_the_admin_and_others_do_not(
    attachment: Any,
    client_as: Callable[[str], Client],
    regional_officer: Any,
    provider_user: Any,
) -> None:
    url = reverse("plans:attachment_download", args=[attachment.plan_id, attachment.pk])
    client_as("provider_user").get(url)
    changelist = reverse("admin:audit_attachmentaccess_changelist")
    for user in (regional_officer, provider_user):
        user.is_staff = True  # both may enter the admin; only the officer sees the log
        user.save()
    officer = client_as("regional_officer")
    assert "rozpočet 2018.pdf" in officer.get(changelist).content.decode()
    history = reverse("admin:audit_historicaldevelopmentplan_changelist")
    assert officer.get(history).status_code == 200
    assert client_as("provider_user").get(changelist).status_code == 403
