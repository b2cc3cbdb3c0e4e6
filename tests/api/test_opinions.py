"""Municipal opinions and council resolutions over the API, per role: the municipal
officer drafts, issues or sends to the council; the council secretary records the
resolution; others may read (the plan's provider, the region) or do not see them (404)."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from tests.helpers import reload

pytestmark = pytest.mark.django_db

RESOLUTION = {"number": "827/2017", "meeting_date": "2017-08-29", "outcome": "approved"}
INPUT = {
    "draft": {"verdict": "supports"},
    "send-to-council": {},
    "issue": {},
    "record-resolution": RESOLUTION,
}
# action, the opinion's state (and traits), role → status
MATRIX = [
    ("draft", "requested", "municipal_officer", 200),
    ("draft", "requested", "council_secretary", 403),
    ("draft", "requested", "provider_user", 403),
    ("draft", "requested", "regional_officer", 403),
    ("draft", "requested", "tanvald_officer", 404),
    ("draft", "requested", "other_provider_user", 404),
    ("draft", "requested", "stranger", 404),
    ("draft", "requested", "anonymous", 401),
    ("draft", "issued", "municipal_officer", 409),
    ("send-to-council", "drafted_committing", "municipal_officer", 200),
    ("send-to-council", "drafted_committing", "council_secretary", 403),
    ("send-to-council", "drafted_committing", "tanvald_officer", 404),
    ("send-to-council", "drafted", "municipal_officer", 409),
    ("issue", "drafted", "municipal_officer", 200),
    ("issue", "drafted", "provider_user", 403),
    ("issue", "drafted", "other_provider_user", 404),
    ("issue", "drafted_committing", "municipal_officer", 409),
    ("record-resolution", "awaiting_council", "council_secretary", 200),
    ("record-resolution", "awaiting_council", "municipal_officer", 403),
    ("record-resolution", "awaiting_council", "regional_officer", 403),
    ("record-resolution", "awaiting_council", "tanvald_officer", 404),
    ("record-resolution", "drafted", "council_secretary", 409),
]


def _opinion(opinion_in: Any, state: str) -> Any:
    if state == "drafted_committing":
        return opinion_in("drafted", needs_council=True)
    plan_state = "awaiting_council" if state == "awaiting_council" else "awaiting_opinion"
    return opinion_in(state, plan_state=plan_state)


@pytest.mark.parametrize(("action", "state", "role", "status"), MATRIX)
def test_opinion_transition_matrix(
    action: str, state: str, role: str, status: int, opinion_in: Any, as_role: Any
) -> None:
    opinion = _opinion(opinion_in, state)
    before = opinion.state
    response = as_role(role).post(f"/api/v1/opinions/{opinion.pk}/{action}/", INPUT[action])
    assert response.status_code == status, response.json()
    if status == 200:
        assert response.json()["state"] == reload(opinion).state != before
    else:
        assert reload(opinion).state == before


def test_issuing_routes_the_plan_on(
    opinion_in: Any, client_for: Any, municipal_officer: Any
) -> None:
    opinion = opinion_in("drafted")
    client_for(municipal_officer).post(f"/api/v1/opinions/{opinion.pk}/issue/")
    assert reload(opinion.plan).state == "awaiting_decision"


def test_the_resolution_with_its_document(
    opinion_in: Any,
    client_for: Any,
    council_secretary: Any,
    provider_user: Any,
    tanvald_officer: Any,
) -> None:
    opinion = opinion_in("awaiting_council", plan_state="awaiting_council")
    document = SimpleUploadedFile("usneseni.pdf", b"%PDF-1.4 usneseni", "application/pdf")
    response = client_for(council_secretary).post(
        f"/api/v1/opinions/{opinion.pk}/record-resolution/",
        {**RESOLUTION, "document": document},
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["resolution"]["number"] == "827/2017"
    resolution_id = response.json()["resolution"]["id"]
    for user in (council_secretary, provider_user):
        body = client_for(user).get(f"/api/v1/resolutions/{resolution_id}/").json()
        assert body["number"] == "827/2017"
        download = client_for(user).get(body["document_url"])
        assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert (
        client_for(tanvald_officer).get(f"/api/v1/resolutions/{resolution_id}/").status_code == 404
    )


def test_a_bad_resolution_number_is_a_field_error(
    opinion_in: Any, client_for: Any, council_secretary: Any
) -> None:
    opinion = opinion_in("awaiting_council", plan_state="awaiting_council")
    response = client_for(council_secretary).post(
        f"/api/v1/opinions/{opinion.pk}/record-resolution/", {**RESOLUTION, "number": "827-2017"}
    )
    assert response.status_code == 400
    assert "number" in response.json()["errors"]


def test_a_negative_cofinancing_is_a_field_error(
    opinion_in: Any, client_for: Any, municipal_officer: Any
) -> None:
    opinion = opinion_in("requested")
    response = client_for(municipal_officer).post(
        f"/api/v1/opinions/{opinion.pk}/draft/", {"verdict": "supports", "cofinancing_amount": "-5"}
    )
    assert response.status_code == 400
    assert "cofinancing_amount" in response.json()["errors"]


def test_the_reasoning_is_its_own_field(
    opinion_in: Any, client_for: Any, municipal_officer: Any
) -> None:
    opinion = opinion_in("requested")
    client = client_for(municipal_officer)
    reasoning = "Služba odpovídá komunitnímu plánu."
    response = client.post(
        f"/api/v1/opinions/{opinion.pk}/draft/", {"verdict": "supports", "reasoning": reasoning}
    )
    assert response.status_code == 200
    assert (response.json()["reasoning"], response.json()["conditions"]) == (reasoning, "")
    assert reload(opinion).reasoning == reasoning


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("municipal_officer", True),
        ("council_secretary", True),
        ("provider_user", True),
        ("regional_officer", True),
        ("tanvald_officer", False),
        ("other_provider_user", False),
        ("stranger", False),
    ],
)
def test_opinions_are_visible_with_their_plan(
    role: str, sees: bool, opinion_in: Any, as_role: Any
) -> None:
    opinion = opinion_in("requested")
    listed = {o["id"] for o in as_role(role).get("/api/v1/opinions/").json()["results"]}
    assert listed == ({opinion.pk} if sees else set())
    detail = as_role(role).get(f"/api/v1/opinions/{opinion.pk}/")
    assert detail.status_code == (200 if sees else 404)
    if sees:
        assert detail.json()["allowed_transitions"] == (
            ["draft"] if role == "municipal_officer" else []
        )


def test_resolutions_of_own_municipality_are_listed(
    client_for: Any, council_secretary: Any, tanvald_secretary: Any, liberec: Any
) -> None:
    resolution = factories.CouncilResolutionFactory(municipality=liberec)
    listed = client_for(council_secretary).get("/api/v1/resolutions/").json()["results"]
    assert [r["id"] for r in listed] == [resolution.pk]
    assert client_for(tanvald_secretary).get("/api/v1/resolutions/").json()["results"] == []
    assert (
        client_for(council_secretary)
        .get(f"/api/v1/resolutions/{resolution.pk}/document/")
        .status_code
        == 404
    )
