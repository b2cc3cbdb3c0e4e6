"""Uploads: the type is checked by content, the size is capped while receiving, names are
generated for storage and sanitised for display, files are served only through the
permission-checked views, as attachments, never sniffed."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from backend.plans.choices import AttachmentKind
from backend.plans.models import CouncilResolution, PlanAttachment
from backend.plans.services import attachment_add
from backend.plans.uploads import MAX_NAME_LENGTH, display_name
from tests.helpers import reload, resolution_post
from tests.uploads import samples

pytestmark = pytest.mark.django_db


def _add(plan: Any, by: Any, name: str, content: bytes) -> PlanAttachment:
    return attachment_add(
        plan=plan, by=by, kind=AttachmentKind.OTHER, file=SimpleUploadedFile(name, content)
    )


def _stored_files(settings: Any) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


class TestContentCheck:
    @pytest.mark.parametrize("name", samples.VALID)
    def test_each_allowed_type_is_accepted(
        self, name: str, make_plan: Callable[..., Any], provider_user: Any, settings: Any
    ) -> None:
        attachment = _add(make_plan("draft"), provider_user, name, samples.VALID[name])
        stored = Path(settings.MEDIA_ROOT) / attachment.file.name
        assert stored.read_bytes() == samples.VALID[name]
        assert attachment.original_name == name

    @pytest.mark.parametrize("case", samples.MISLABELLED)
    def test_a_mislabelled_file_is_refused_and_nothing_is_stored(
        self, case: str, make_plan: Callable[..., Any], provider_user: Any, settings: Any
    ) -> None:
        name, content = samples.MISLABELLED[case]
        with pytest.raises(ValidationError) as caught:
            _add(make_plan("draft"), provider_user, name, content)
        assert [e.code for e in caught.value.error_dict["file"]] == ["attachment_content"]
        assert not PlanAttachment.objects.exists()
        assert _stored_files(settings) == []

    def test_the_refusal_says_what_the_file_really_is_in_czech_and_english(
        self, make_plan: Callable[..., Any], provider_user: Any
    ) -> None:
        plan = make_plan("draft")
        messages = {}
        for language in ("en", "cs"):
            with translation.override(language):
                with pytest.raises(ValidationError) as caught:
                    _add(plan, provider_user, "zadost.docx", samples.PDF)
                messages[language] = caught.value.messages[0]
        assert messages["en"] == (
            "The content of the file does not match its name: a “.docx” file must be a real "
            "DOCX document (the content is PDF)."
        )
        assert messages["cs"] == (
            "Obsah souboru neodpovídá jeho názvu: soubor „.docx“ musí být skutečný dokument "
            "DOCX (obsah je PDF)."
        )

    def test_a_mislabelled_upload_through_the_web_is_refused_with_the_reason(
        self, client_as: Callable[[str], Client], make_plan: Callable[..., Any]
    ) -> None:
        plan = make_plan("draft")
        response = client_as("provider_user").post(
            reverse("plans:attachment_upload", args=[plan.pk]),
            {"kind": "budget", "file": SimpleUploadedFile("faktura.pdf", samples.HTML)},
        )
        assert response.status_code == 400
        assert "must be a real PDF document" in response.content.decode()
        assert not PlanAttachment.objects.exists()

    def test_a_mislabelled_upload_through_the_api_is_refused(
        self, make_plan: Callable[..., Any], client_for: Any, provider_user: Any
    ) -> None:
        plan = make_plan("draft")
        response = client_for(provider_user).post(
            f"/api/v1/plans/{plan.pk}/attachments/",
            {"kind": "budget", "file": SimpleUploadedFile("faktura.pdf", samples.EXE)},
            format="multipart",
        )
        assert response.status_code == 400
        assert response.json()["code"] == "invalid"
        assert "must be a real PDF document" in response.json()["errors"]["file"][0]
        assert not PlanAttachment.objects.exists()

    def test_a_mislabelled_council_resolution_scan_is_refused(
        self, client_as: Callable[[str], Client], make_opinion: Callable[..., Any]
    ) -> None:
        opinion = make_opinion("awaiting_council")
        response = resolution_post(
            client_as("council_secretary"),
            opinion,
            document=SimpleUploadedFile("usneseni.pdf", samples.EXE),
        )
        assert response.status_code == 400
        assert not CouncilResolution.objects.exists()
        assert reload(opinion).state == "awaiting_council"


class TestSize:
    def test_an_oversized_web_upload_is_stopped_and_nothing_is_saved(
        self,
        client_as: Callable[[str], Client],
        make_plan: Callable[..., Any],
        settings: Any,
    ) -> None:
        settings.ATTACHMENT_MAX_BYTES = 1024
        plan = make_plan("draft")
        big = SimpleUploadedFile("rozpocet.pdf", samples.PDF + b"0" * 300_000)
        response = client_as("provider_user").post(
            reverse("plans:attachment_upload", args=[plan.pk]), {"kind": "budget", "file": big}
        )
        assert response.status_code == 400
        assert "The file is too large; the limit is 1.0\xa0KB." in response.content.decode()
        assert not PlanAttachment.objects.exists()
        assert _stored_files(settings) == []

    def test_an_oversized_resolution_scan_is_not_silently_dropped(
        self,
        client_as: Callable[[str], Client],
        make_opinion: Callable[..., Any],
        settings: Any,
    ) -> None:
        # The document is optional: without the handler's note the resolution would be
        # recorded without it.
        settings.ATTACHMENT_MAX_BYTES = 1024
        opinion = make_opinion("awaiting_council")
        response = resolution_post(
            client_as("council_secretary"),
            opinion,
            document=SimpleUploadedFile("usneseni.pdf", samples.PDF + b"0" * 5000),
        )
        assert response.status_code == 400
        assert "The file is too large" in response.content.decode()
        assert not CouncilResolution.objects.exists()

    def test_an_api_upload_just_over_the_limit_is_413(
        self, make_plan: Callable[..., Any], client_for: Any, provider_user: Any, settings: Any
    ) -> None:
        settings.ATTACHMENT_MAX_BYTES = 1024
        plan = make_plan("draft")
        response = client_for(provider_user).post(
            f"/api/v1/plans/{plan.pk}/attachments/",
            {"kind": "budget", "file": SimpleUploadedFile("a.pdf", samples.PDF + b"0" * 2000)},
            format="multipart",
        )
        assert response.status_code == 413
        assert response.json()["code"] == "too_large"
        assert not PlanAttachment.objects.exists()


HOSTILE_NAMES = {
    "../../../etc/passwd.pdf": "passwd.pdf",
    "..\\..\\windows\\system32\\evil.pdf": "evil.pdf",
    "/absolute/path/rozpocet.pdf": "rozpocet.pdf",
    "roz\x00po\x1bčet\r\n.pdf": "rozpočet.pdf",
    'a"b<c>|d?.pdf': "a_b_c_d_.pdf",
    "...pdf": "pdf",
    "rozpo..cet.pdf": "rozpo.cet.pdf",
}


class TestNames:
    @pytest.mark.parametrize("name", HOSTILE_NAMES)
    def test_display_names_are_sanitised(self, name: str) -> None:
        assert display_name(name) == HOSTILE_NAMES[name]

    def test_a_very_long_name_is_shortened_keeping_the_extension(self) -> None:
        shortened = display_name("ž" * 500 + ".xlsx")
        assert len(shortened) == MAX_NAME_LENGTH
        assert shortened.endswith("ž.xlsx")

    def test_nothing_but_dots_and_separators_becomes_a_neutral_name(self) -> None:
        assert display_name("../..") == "document"

    @pytest.mark.parametrize("name", ["../../../etc/passwd.pdf", "..\\..\\evil.pdf"])
    def test_the_stored_file_stays_in_the_plans_folder_under_a_generated_name(
        self,
        name: str,
        client_as: Callable[[str], Client],
        make_plan: Callable[..., Any],
        provider_user: Any,
        settings: Any,
    ) -> None:
        plan = make_plan("draft")
        client = client_as("provider_user")
        # Django's multipart parser already drops directories; the service must hold even
        # when called directly with a hostile name.
        attachment = _add(plan, provider_user, name, samples.PDF)
        media = Path(settings.MEDIA_ROOT).resolve()
        stored = (media / attachment.file.name).resolve()
        assert stored.parent == media / "plans" / str(plan.pk)
        assert stored.name != Path(name).name and stored.suffix == ".pdf"
        assert ".." not in attachment.original_name and "/" not in attachment.original_name
        download = client.get(reverse("plans:attachment_download", args=[plan.pk, attachment.pk]))
        disposition = download["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert ".." not in disposition and "/" not in disposition and "\\" not in disposition

    def test_a_control_character_cannot_split_the_header(
        self,
        client_as: Callable[[str], Client],
        make_plan: Callable[..., Any],
        provider_user: Any,
    ) -> None:
        plan = make_plan("draft")
        attachment = _add(plan, provider_user, "a\r\nSet-Cookie: x=1.pdf", samples.PDF)
        download = client_as("provider_user").get(
            reverse("plans:attachment_download", args=[plan.pk, attachment.pk])
        )
        assert "Set-Cookie" not in download.headers
        assert "\n" not in download["Content-Disposition"]


class TestServing:
    def test_downloads_are_attachments_that_are_never_sniffed(
        self,
        client_as: Callable[[str], Client],
        make_plan: Callable[..., Any],
        provider_user: Any,
        client_for: Any,
    ) -> None:
        plan = make_plan("draft")
        attachment = _add(plan, provider_user, "sken.png", samples.PNG)
        web = client_as("provider_user").get(
            reverse("plans:attachment_download", args=[plan.pk, attachment.pk])
        )
        api = client_for(provider_user).get(f"/api/v1/plans/{plan.pk}/attachments/{attachment.pk}/")
        for response in (web, api):
            assert response.status_code == 200
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Content-Disposition"] == 'attachment; filename="sken.png"'
            assert b"".join(response.streaming_content) == samples.PNG

    def test_no_url_serves_the_media_folder(
        self,
        client_as: Callable[[str], Client],
        make_plan: Callable[..., Any],
        provider_user: Any,
        settings: Any,
    ) -> None:
        plan = make_plan("draft")
        attachment = _add(plan, provider_user, "rozpocet.pdf", samples.PDF)
        client = client_as("regional_officer")
        for url in (f"/{settings.MEDIA_URL}{attachment.file.name}", f"/{attachment.file.name}"):
            assert client.get(url).status_code == 404

    def test_outside_the_plans_scope_the_download_is_404(
        self,
        client_as: Callable[[str], Client],
        make_plan: Callable[..., Any],
        provider_user: Any,
    ) -> None:
        plan = make_plan("draft")
        attachment = _add(plan, provider_user, "rozpocet.pdf", samples.PDF)
        url = reverse("plans:attachment_download", args=[plan.pk, attachment.pk])
        assert client_as("other_provider_user").get(url).status_code == 404
        assert client_as("anonymous").get(url).status_code == 302  # to the login page
