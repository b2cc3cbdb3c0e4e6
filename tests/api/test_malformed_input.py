"""Malformed request bodies are refused with 400 and a reason, never a 500."""

from typing import Any

import pytest
from django.utils import translation

from backend.plans.models import DevelopmentPlan
from tests import factories

NESTED = "[" * 100_000


@pytest.mark.parametrize(
    ("path", "role"), [("/api/v1/plans/", "provider_user"), ("/api/v1/calls/", "regional_officer")]
)
def test_json_nested_too_deeply_is_a_400(path: str, role: str, as_role: Any) -> None:
    response = as_role(role).post(
        path, NESTED, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "JSON parse error: the document is nested too deeply."


def test_the_reason_is_translated(client_for: Any, provider_user: Any) -> None:
    response = client_for(provider_user).post(
        "/api/v1/plans/", NESTED, content_type="application/json", HTTP_ACCEPT_LANGUAGE="cs"
    )
    assert response.status_code == 400
    with translation.override("cs"):
        assert "příliš hluboko" in response.json()["detail"]
    assert not DevelopmentPlan.objects.exists()


def test_an_opinion_action_refuses_it_too(
    opinion_in: Any, client_for: Any, municipal_officer: Any
) -> None:
    opinion = opinion_in("requested")
    response = client_for(municipal_officer).post(
        f"/api/v1/opinions/{opinion.pk}/draft/", NESTED, content_type="application/json"
    )
    assert response.status_code == 400


# An id beyond the database's range once reached a foreign-key lookup and overflowed SQLite.
HUGE = "21669217156541489152"


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/calls/{HUGE}/documents/1/",
        f"/api/v1/calls/1/documents/{HUGE}/",
        f"/api/v1/calls/{HUGE}/forms/",
        f"/en/calls/{HUGE}/",
        f"/en/plans/{HUGE}/",
    ],
)
def test_an_id_beyond_the_database_range_is_a_404(path: str, as_role: Any) -> None:
    assert as_role("regional_officer").get(path).status_code == 404


def test_the_longest_id_still_reaches_the_view(as_role: Any) -> None:
    response = as_role("regional_officer").get("/api/v1/calls/999999999999999999/documents/1/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_service_type_code_with_a_nul_character_is_a_400(as_role: Any) -> None:
    """PostgreSQL text cannot hold NUL: the code is refused before the look-up (a 500 the
    fuzzer found on PostgreSQL)."""
    call = factories.CallFactory()
    response = as_role("regional_officer").patch(
        f"/api/v1/calls/{call.pk}/",
        {"service_types": ["5\x001"]},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["service_types"] == ["Null characters are not allowed."]
    assert not call.service_types.exists()
