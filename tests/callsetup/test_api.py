"""/api/v1/calls/{id}/forms/ and copy-setup/, and the plan's form and documents by API."""

import datetime as dt
from typing import Any

import pytest
from rest_framework.test import APIClient

from backend.callsetup.models import RequestForm, RequiredDocument
from backend.machines.plan_review.states import PlanState
from tests import factories
from tests.callsetup.conftest import PROOF, pdf, png
from tests.helpers import reload

pytestmark = pytest.mark.django_db


def _api(user: Any) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_authenticate(user)
    return client


def test_everyone_who_reads_the_call_reads_its_forms(
    form_a: RequestForm, provider_user: Any, municipal_officer: Any
) -> None:
    for user in (provider_user, municipal_officer):
        response = _api(user).get(f"/api/v1/calls/{form_a.call_id}/forms/")
        assert response.status_code == 200
        (row,) = response.json()
        assert row["code"] == "A"
        assert row["kinds"] == ["inclusion", "capacity_increase"]
        assert [d["name"] for d in row["documents"]] == [PROOF]
        assert row["documents"][0]["file_types"] == ["pdf"]
    assert APIClient().get(f"/api/v1/calls/{form_a.call_id}/forms/").status_code == 401


def test_the_officer_creates_edits_and_deletes_a_form(
    open_call: Any, regional_officer: Any
) -> None:
    api = _api(regional_officer)
    url = f"/api/v1/calls/{open_call.pk}/forms/"
    created = api.post(
        url,
        {"code": "C", "name": "Rozvojový záměr", "kinds": ["capacity_increase"]},
        format="json",
    )
    assert created.status_code == 201, created.content
    form_id = created.json()["id"]
    document = api.post(
        f"{url}{form_id}/documents/",
        {"name": "Vyjádření obce", "file_types": ["pdf", "docx"]},
        format="json",
    )
    assert document.status_code == 201
    assert document.json()["required"] is True
    changed = api.patch(f"{url}{form_id}/", {"required_fields": ["planned_start"]}, format="json")
    assert changed.status_code == 200
    assert changed.json()["required_fields"] == ["planned_start"]
    assert changed.json()["documents"][0]["file_types"] == ["pdf", "docx"]
    bad = api.post(url, {"code": "D", "name": "X", "kinds": ["merger"]}, format="json")
    assert bad.status_code == 400
    assert api.delete(f"{url}{form_id}/").status_code == 204
    assert not RequestForm.objects.exists()
    assert not RequiredDocument.objects.exists()


def test_others_cannot_configure(
    form_a: RequestForm, provider_user: Any, other_region_officer: Any
) -> None:
    url = f"/api/v1/calls/{form_a.call_id}/forms/"
    data = {"code": "B", "name": "B", "kinds": ["inclusion"]}
    refused = _api(provider_user).post(url, data, format="json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    assert _api(other_region_officer).post(url, data, format="json").status_code == 404
    assert _api(other_region_officer).delete(f"{url}{form_a.pk}/").status_code == 404
    assert RequestForm.objects.count() == 1


def test_a_used_form_is_not_deleted(
    plan_a: Any, form_a: RequestForm, regional_officer: Any
) -> None:
    response = _api(regional_officer).delete(f"/api/v1/calls/{form_a.call_id}/forms/{form_a.pk}/")
    assert response.status_code == 409
    assert "is used by 1 plan(s)" in response.json()["detail"]
    assert RequestForm.objects.filter(pk=form_a.pk).exists()


def test_copy_setup(form_a: RequestForm, regional_officer: Any, provider_user: Any) -> None:
    target = factories.CallFactory(
        opens_at=factories._now() + dt.timedelta(days=20),
        closes_at=factories._now() + dt.timedelta(days=40),
    )
    url = f"/api/v1/calls/{target.pk}/copy-setup/"
    assert _api(provider_user).post(url, {"source": form_a.call_id}).status_code == 403
    assert _api(regional_officer).post(url, {"source": 999_999}).status_code == 400
    assert _api(regional_officer).post(url, {"source": "x"}).status_code == 400
    response = _api(regional_officer).post(url, {"source": form_a.call_id}, format="json")
    assert response.status_code == 200, response.content
    assert [row["code"] for row in response.json()] == ["A"]
    again = _api(regional_officer).post(url, {"source": form_a.call_id}, format="json")
    assert again.status_code == 409
    into_open = _api(regional_officer).post(
        f"/api/v1/calls/{form_a.call_id}/copy-setup/", {"source": target.pk}, format="json"
    )
    assert into_open.status_code == 409


def test_a_provider_files_under_a_form_by_api(
    form_a: RequestForm, proof: RequiredDocument, service: Any, provider_user: Any, liberec: Any
) -> None:
    api = _api(provider_user)
    data = {
        "call": form_a.call_id,
        "service": service.pk,
        "kind": "capacity_decrease",
        "capacity_current": "0",
        "capacity_requested": "0",
        "orps": ["5105"],
        "justification": "Potřeba v komunitním plánu.",
        "request_form": form_a.pk,
    }
    wrong_kind = api.post("/api/v1/plans/", data, format="json")
    assert wrong_kind.status_code == 400
    assert "request_form" in wrong_kind.json()["errors"]
    data.update(kind="capacity_increase", capacity_requested="5", amount_requested="1000")
    created = api.post("/api/v1/plans/", data, format="json")
    assert created.status_code == 201, created.content
    plan_id = created.json()["id"]
    assert created.json()["request_form"] == form_a.pk
    refused = api.post(f"/api/v1/plans/{plan_id}/submit/", {}, format="json")
    assert refused.status_code == 409
    assert f"document “{PROOF}”" in refused.json()["detail"]
    url = f"/api/v1/plans/{plan_id}/attachments/"
    wrong_type = api.post(
        url, {"kind": "proof_of_need", "requirement": proof.pk, "file": png()}, format="multipart"
    )
    assert wrong_type.status_code == 400
    assert wrong_type.json()["errors"]["file"] == [
        f"The document “{PROOF}” must be a file of type: PDF."
    ]
    attached = api.post(
        url, {"kind": "proof_of_need", "requirement": proof.pk, "file": pdf()}, format="multipart"
    )
    assert attached.status_code == 201
    assert attached.json()["requirement"] == proof.pk
    submitted = api.post(f"/api/v1/plans/{plan_id}/submit/", {}, format="json")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["state"] == PlanState.AWAITING_OPINION
    assert reload(proof).attachments.count() == 1
