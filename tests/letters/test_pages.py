"""The regional office's letter pages and API: the editor with the variables, a refused text
with its line (nothing saved, the input kept), versions, preview with a plan (HTML, PDF),
restoring the default; other roles 403, another region's call 404."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from backend.letters.models import LetterVersion
from backend.letters.services import letter_version_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(regional_officer: Any) -> Client:
    client = Client()
    client.force_login(regional_officer)
    return client


@pytest.fixture
def officer_api(regional_officer: Any) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(regional_officer)
    return client


def test_the_list_and_the_editor_show_the_kinds_and_the_variables(
    officer_client: Client, open_call: Any
) -> None:
    response = officer_client.get(reverse("letters:list", args=[open_call.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    for label in (
        "Decision letter",
        "Opinion letter",
        "E-mail: a plan was returned for completion",
    ):
        assert label in body
    response = officer_client.get(reverse("letters:edit", args=[open_call.pk, "decision"]))
    body = response.content.decode()
    assert "{{ resolution_number }}" in body  # the documented variables
    assert "rozhodl o Vašem rozvojovém záměru" in body  # the shipped text in the editor
    assert (
        officer_client.get(reverse("letters:edit", args=[open_call.pk, "nonsense"])).status_code
        == 404
    )


def test_a_refused_text_keeps_the_input_and_says_the_line(
    officer_client: Client, open_call: Any
) -> None:
    text = "Dobrý den,\n{% include 'documents/base.html' %}"
    response = officer_client.post(
        reverse("letters:edit", args=[open_call.pk, "decision"]), {"text": text, "save": "1"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Line 2: the tag {% include %} is not allowed in a letter" in body
    assert "Dobrý den," in body
    assert not LetterVersion.objects.exists()


def test_saving_adds_a_version_listed_with_its_author(
    officer_client: Client, open_call: Any, regional_officer: Any
) -> None:
    url = reverse("letters:edit", args=[open_call.pk, "plan_returned"])
    response = officer_client.post(
        url,
        {
            "subject": "Záměr č. {{ plan_number }} vrácen",
            "text": "Doplňte do {{ due }}.",
            "save": "1",
        },
    )
    assert response.status_code == 302
    version = LetterVersion.objects.get()
    assert (version.number, version.author, version.subject) == (
        1,
        regional_officer,
        "Záměr č. {{ plan_number }} vrácen",
    )
    body = officer_client.get(url).content.decode()
    assert "Edited text in force: version 1." in body and "Doplňte do {{ due }}." in body
    officer_client.post(reverse("letters:restore", args=[open_call.pk, "plan_returned"]))
    assert LetterVersion.objects.order_by("-number").first().uses_default
    assert "The shipped default text is in force." in officer_client.get(url).content.decode()


def test_preview_of_a_draft_the_text_in_force_and_the_pdf(
    officer_client: Client, open_call: Any, regional_officer: Any, waiting_plan: Any, decide: Any
) -> None:
    decide(waiting_plan)
    url = reverse("letters:edit", args=[open_call.pk, "decision"])
    response = officer_client.post(
        url, {"text": "Koncept pro {{ provider_name }}.", "plan": waiting_plan.pk, "preview": "1"}
    )
    assert response.status_code == 200
    assert f"Koncept pro {waiting_plan.provider.name}." in response.content.decode()
    assert not LetterVersion.objects.exists()  # a preview saves nothing
    letter_version_create(
        call=open_call,
        kind="decision",
        text="Uloženo: {{ resolution_number }}",
        by=regional_officer,
    )
    preview = reverse("letters:preview", args=[open_call.pk, "decision"])
    response = officer_client.get(preview, {"plan": waiting_plan.pk})
    assert "Uloženo: 402/17/ZK" in response.content.decode()
    response = officer_client.get(preview, {"plan": waiting_plan.pk, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    other_plan = __import__("tests.factories", fromlist=["x"]).plan_in_state("awaiting_opinion")
    assert officer_client.get(preview, {"plan": other_plan.pk}).status_code == 404


def test_the_api_reads_saves_refuses_lists_versions_and_previews(
    officer_api: APIClient, open_call: Any, waiting_plan: Any, decide: Any
) -> None:
    base = f"/api/v1/calls/{open_call.pk}/letters/"
    kinds = officer_api.get(base).json()
    assert [row["kind"] for row in kinds] == [
        "decision",
        "opinion",
        "plan_decided",
        "plan_returned",
        "opinion_requested",
    ]
    letter = officer_api.get(f"{base}decision/").json()
    assert letter["version"] is None and letter["text"] == letter["default_text"]
    assert "resolution_number" in [v["name"] for v in letter["variables"]]
    refused = officer_api.put(
        f"{base}decision/", {"text": "A\nB\n{{ user.password }}"}, format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["errors"]["text"] == ["Line 3: unknown variable {{ user }}"]
    saved = officer_api.put(f"{base}decision/", {"text": "Nově: {{ outcome }}."}, format="json")
    assert saved.status_code == 200 and saved.json()["version"]["number"] == 1
    versions = officer_api.get(f"{base}decision/versions/").json()
    assert [(v["number"], v["author"]) for v in versions] == [(1, "kraj")]
    decide(waiting_plan)
    preview = officer_api.post(f"{base}decision/preview/", {"plan": waiting_plan.pk}, format="json")
    assert preview.status_code == 200
    assert preview.json()["text"] == "Nově: zařazen."
    assert "Nově: zařazen." in preview.json()["html"]
    documents = officer_api.get(
        "/api/v1/documents/", {"plan": waiting_plan.pk, "kind": "decision"}
    ).json()
    assert [d["letter_version"] for d in documents["results"]] == [1]
    restored = officer_api.post(f"{base}decision/restore-default/")
    assert restored.json()["version"] is None


def test_the_plan_page_names_the_letter_version_of_its_decision(
    officer_client: Client, open_call: Any, regional_officer: Any, waiting_plan: Any, decide: Any
) -> None:
    letter_version_create(
        call=open_call, kind="decision", text="Upraveno: {{ outcome }}.", by=regional_officer
    )
    decide(waiting_plan)
    body = officer_client.get(reverse("plans:detail", args=[waiting_plan.pk])).content.decode()
    assert "edited letter text version 1" in body


def test_the_versions_show_what_each_changed(
    officer_client: Client, open_call: Any, regional_officer: Any
) -> None:
    letter_version_create(call=open_call, kind="decision", text="A\nB\nC", by=regional_officer)
    letter_version_create(call=open_call, kind="decision", text="A\nB2\nC", by=regional_officer)
    body = officer_client.get(
        reverse("letters:edit", args=[open_call.pk, "decision"])
    ).content.decode()
    assert "Changes against version 1" in body
    assert "-B\n+B2" in body


def test_options_on_a_letter_is_not_a_server_error(officer_api: APIClient, open_call: Any) -> None:
    response = officer_api.options(f"/api/v1/calls/{open_call.pk}/letters/plan_decided/")
    assert response.status_code == 405
