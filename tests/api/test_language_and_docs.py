"""The API speaks Czech by default and English on request; the schema and the interactive
docs are served; the committed schema documents the Czech labels of the enums."""

from typing import Any

import pytest
import yaml
from django.conf import settings
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_refusals_are_czech_by_default_and_english_on_request(
    plan_in: Any, provider_user: Any
) -> None:
    plan = plan_in("awaiting_decision")
    client = APIClient()
    client.force_authenticate(provider_user)
    czech = client.post(f"/api/v1/plans/{plan.pk}/decide/", {})
    assert czech.json()["detail"] == "K provedení této akce nemáte oprávnění."
    assert czech.headers["Content-Language"] == "cs"
    english = client.post(f"/api/v1/plans/{plan.pk}/decide/", {}, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["detail"] == "You are not allowed to perform this action."


def test_field_errors_are_translated(client_for: Any, regional_officer: Any) -> None:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="cs")
    client.force_authenticate(regional_officer)
    data = {"name": "Romodrom o. p. s.", "ico": "265370036", "legal_form": "ops", "address": "x"}
    errors = client.post("/api/v1/providers/", data).json()["errors"]["ico"]
    assert any("číslic" in message for message in errors)


def test_schema_and_interactive_docs_are_served(api: Any) -> None:
    schema = api.get("/api/v1/schema/", {"format": "json"})
    assert schema.status_code == 200
    assert "/api/v1/plans/{id}/decide/" in schema.json()["paths"]
    docs = api.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content


def test_the_committed_schema_documents_enums_with_czech_labels() -> None:
    schema = yaml.safe_load((settings.BASE_DIR / "docs" / "openapi.yaml").read_text("utf-8"))
    plan_state = schema["components"]["schemas"]["PlanStateEnum"]
    assert plan_state["x-labels-cs"]["included_with_conditions"] == "zařazen s výhradou"
    assert "(cs: zařazen s výhradou)" in plan_state["description"]
    decide = schema["paths"]["/api/v1/plans/{id}/decide/"]["post"]["responses"]
    assert {"200", "400", "401", "403", "404", "409", "429"} <= set(decide)
