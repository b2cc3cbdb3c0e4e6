"""The call setup pages, and the plan pages with a form and its documents."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from backend.callsetup.models import RequestForm, RequiredDocument
from backend.machines.plan_review.states import PlanState
from tests import factories
from tests.callsetup.conftest import PROOF, pdf, png
from tests.helpers import reload

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_officer_configures_a_call_from_its_page(open_call: Any, regional_officer: Any) -> None:
    client = _client(regional_officer)
    detail = client.get(reverse("calls:detail", args=[open_call.pk])).content.decode()
    assert reverse("callsetup:forms", args=[open_call.pk]) in detail
    url = reverse("callsetup:form_create", args=[open_call.pk])
    refused = client.post(url, {"code": "A", "name": "Nová služba"})
    assert refused.status_code == 400
    assert not RequestForm.objects.exists()
    response = client.post(
        url,
        {
            "code": "A",
            "name": "Nová služba",
            "kinds": ["inclusion"],
            "required_fields": ["justification", "planned_start"],
        },
    )
    assert response.status_code == 302
    form = RequestForm.objects.get()
    assert (form.call, form.kinds, form.required_fields) == (
        open_call,
        ["inclusion"],
        ["justification", "planned_start"],
    )
    response = client.post(
        reverse("callsetup:document_create", args=[open_call.pk, form.pk]),
        {"name": PROOF, "file_types": ["pdf"], "required": "on"},
    )
    assert response.status_code == 302
    document = RequiredDocument.objects.get()
    assert (document.form, document.file_types, document.required) == (form, ["pdf"], True)
    page = client.get(reverse("callsetup:forms", args=[open_call.pk])).content.decode()
    assert "A: Nová služba" in page
    assert f"{PROOF} (PDF)" in page
    response = client.post(
        reverse("callsetup:form_edit", args=[open_call.pk, form.pk]),
        {"code": "A", "name": "Nová sociální služba", "kinds": ["inclusion", "other_change"]},
    )
    assert response.status_code == 302
    assert reload(form).kinds == ["inclusion", "other_change"]
    response = client.post(
        reverse("callsetup:document_delete", args=[open_call.pk, form.pk, document.pk])
    )
    assert response.status_code == 302
    assert not RequiredDocument.objects.exists()


def test_others_are_refused(
    form_a: RequestForm, provider_user: Any, other_region_officer: Any
) -> None:
    url = reverse("callsetup:forms", args=[form_a.call_id])
    assert _client(provider_user).get(url).status_code == 403
    assert _client(other_region_officer).get(url).status_code == 404
    delete = reverse("callsetup:form_delete", args=[form_a.call_id, form_a.pk])
    assert _client(provider_user).post(delete).status_code == 403
    assert _client(other_region_officer).post(delete).status_code == 404
    assert RequestForm.objects.filter(pk=form_a.pk).exists()


def test_deleting_a_used_form_is_refused_with_the_reason(
    plan_a: Any, form_a: RequestForm, regional_officer: Any
) -> None:
    client = _client(regional_officer)
    response = client.post(reverse("callsetup:form_delete", args=[form_a.call_id, form_a.pk]))
    assert response.status_code == 409
    assert "is used by 1 plan(s); it cannot be deleted." in response.content.decode()
    assert RequestForm.objects.filter(pk=form_a.pk).exists()


def test_the_officer_copies_a_configuration(form_a: RequestForm, regional_officer: Any) -> None:
    target = factories.CallFactory(
        opens_at=factories._now() + dt.timedelta(days=20),
        closes_at=factories._now() + dt.timedelta(days=40),
    )
    client = _client(regional_officer)
    page = client.get(reverse("callsetup:forms", args=[target.pk])).content.decode()
    assert form_a.call.name in page  # offered as the source
    url = reverse("callsetup:copy", args=[target.pk])
    response = client.post(url, {"source": form_a.call_id})
    assert response.status_code == 302
    assert list(target.request_forms.values_list("code", flat=True)) == ["A"]
    again = client.post(url, {"source": form_a.call_id})
    assert again.status_code == 409
    assert "The call already has request forms" in again.content.decode()
    into_open = client.post(reverse("callsetup:copy", args=[form_a.call_id]), {"source": target.pk})
    assert into_open.status_code == 409
    assert "has not opened yet" in into_open.content.decode()


def test_the_plan_form_offers_the_calls_forms(
    form_a: RequestForm, service: Any, provider_user: Any, liberec_orp: Any
) -> None:
    client = _client(provider_user)
    page = client.get(reverse("plans:create")).content.decode()
    assert "A: Nová služba" in page
    data = {
        "call": form_a.call_id,
        "service": service.pk,
        "kind": "capacity_decrease",
        "capacity_current": "0",
        "capacity_requested": "0",
        "orps": [liberec_orp.pk],
        "request_form": form_a.pk,
    }
    refused = client.post(reverse("plans:create"), data)
    assert refused.status_code == 400
    assert "is not for a plan of the kind" in refused.content.decode()
    data.update(kind="capacity_increase", capacity_requested="5")
    response = client.post(reverse("plans:create"), data)
    assert response.status_code == 302
    plan = service.plans.get()
    assert plan.request_form == form_a


def test_a_call_without_forms_shows_no_form_field(open_call: Any, provider_user: Any) -> None:
    page = _client(provider_user).get(reverse("plans:create")).content.decode()
    assert 'name="request_form"' not in page


def test_the_plan_page_ticks_the_documents_present(
    plan_a: Any, proof: RequiredDocument, provider_user: Any
) -> None:
    client = _client(provider_user)
    page = client.get(reverse("plans:detail", args=[plan_a.pk])).content.decode()
    assert '<li data-present="0">' in page
    assert PROOF in page
    url = reverse("plans:attachment_upload", args=[plan_a.pk])
    refused = client.post(url, {"kind": "proof_of_need", "requirement": proof.pk, "file": png()})
    assert refused.status_code == 400
    assert "must be a file of type: PDF." in refused.content.decode()
    response = client.post(url, {"kind": "proof_of_need", "requirement": proof.pk, "file": pdf()})
    assert response.status_code == 302
    page = client.get(reverse("plans:detail", args=[plan_a.pk])).content.decode()
    assert '<li data-present="1">' in page
    refused = client.post(reverse("plans:submit", args=[plan_a.pk]))
    assert "amount requested from the region" in refused.content.decode()
    assert reload(plan_a).state == PlanState.DRAFT
