"""Residential services count beds, the others their type's unit, and a § allows only its
forms — in the model, so every path keeps it: the admin (its inline too), the API, the demo,
and plans on a service that contradicts it are refused."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from backend.demo.organisations import _regional_group
from backend.machines.errors import TransitionConflict
from backend.machines.plan_review.kinds import PlanKind
from backend.plans.services import plan_create
from backend.registry.choices import CapacityUnit, ServiceForm
from backend.registry.models import SocialService
from tests import factories
from tests.helpers import reload
from workflows.plan_review.actions import plan_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_admin(regional_officer: Any, client: Any) -> Any:
    regional_officer.is_staff = True
    regional_officer.save()
    regional_officer.groups.add(_regional_group())
    client.force_login(regional_officer)
    return client


def _broken(service: SocialService) -> SocialService:
    """The service with a unit its form contradicts, as saved before the rule held everywhere."""
    SocialService.objects.filter(pk=service.pk).update(capacity_unit=CapacityUnit.FTE)
    return reload(service)


def test_the_model_refuses_a_unit_its_form_contradicts(service: SocialService) -> None:
    service.capacity_unit = CapacityUnit.FTE  # § 51 is residential: beds
    with pytest.raises(ValidationError) as refused:
        service.full_clean()
    assert list(refused.value.message_dict) == ["capacity_unit"]
    service.capacity_unit = CapacityUnit.BEDS
    service.full_clean()


def test_the_admin_change_form_refuses_it(officer_admin: Any, service: SocialService) -> None:
    data = {
        "provider": service.provider_id,
        "name": service.name,
        "registration_number": service.registration_number,
        "registered_on": "2015-01-01",
        "service_type": service.service_type_id,
        "form": ServiceForm.RESIDENTIAL,
        "capacity_unit": CapacityUnit.FTE,
        "orps": [orp.pk for orp in service.orps.all()],
    }
    url = reverse("admin:registry_socialservice_change", args=[service.pk])
    response = officer_admin.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert response.context["adminform"].form.errors["capacity_unit"]
    assert reload(service).capacity_unit == CapacityUnit.BEDS
    saved = officer_admin.post(url, {**data, "capacity_unit": CapacityUnit.BEDS})
    assert saved.status_code == 302


def test_the_provider_admins_inline_refuses_it(officer_admin: Any, provider: Any) -> None:
    data = {
        "name": provider.name,
        "ico": provider.ico,
        "legal_form": provider.legal_form,
        "address": provider.address,
        "email": "",
        "services-TOTAL_FORMS": "1",
        "services-INITIAL_FORMS": "0",
        "services-MIN_NUM_FORMS": "0",
        "services-MAX_NUM_FORMS": "1000",
        "services-0-name": "Domov pro seniory",
        "services-0-registration_number": "2480451",
        "services-0-service_type": factories.service_type("49").pk,
        "services-0-form": ServiceForm.RESIDENTIAL,
        "services-0-capacity_unit": CapacityUnit.PLACES,
        "services-0-provider": provider.pk,
    }
    url = reverse("admin:registry_provider_change", args=[provider.pk])
    response = officer_admin.post(url, data)
    assert response.status_code == 200
    (formset,) = [inline.formset for inline in response.context["inline_admin_formsets"]]
    assert formset.errors[0]["capacity_unit"]
    assert not SocialService.objects.filter(registration_number="2480451").exists()
    saved = officer_admin.post(url, {**data, "services-0-capacity_unit": CapacityUnit.BEDS})
    assert saved.status_code == 302
    assert SocialService.objects.get(registration_number="2480451").capacity_unit == "beds"


def test_no_plan_is_filed_on_a_service_that_contradicts_its_form(
    service: SocialService, provider_user: Any, open_call: Any
) -> None:
    with pytest.raises(ValidationError) as refused:
        plan_create(
            by=provider_user,
            call=open_call,
            service=_broken(service),
            kind=PlanKind.CAPACITY_INCREASE,
            capacity_current=Decimal(3),
            capacity_requested=Decimal(15),
        )
    assert "the regional office has to correct the service" in str(refused.value)


def test_a_draft_on_such_a_service_is_not_submitted(
    service: SocialService, provider_user: Any, open_call: Any
) -> None:
    plan = factories.plan_in_state("draft", service=service, call=open_call)
    _broken(service)
    with pytest.raises(TransitionConflict) as refused:
        plan_submit(plan=reload(plan), by=provider_user)
    assert any("correct the service" in reason for reason in refused.value.reasons)
    assert reload(plan).state == "draft"
