"""A new plan starts from the capacity the network register holds for the call's period: the
form fills it in, leaves it to the server when empty, and refuses a contradicting number with
the register's. The only open call is chosen already. Numbers are typed the Czech way."""

import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from backend.calls.models import Call
from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan
from backend.registry.models import SocialService
from tests import factories
from tests.helpers import reload
from tests.web.pages import field_value, selected_values, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_register(service: SocialService, open_call: Call) -> Any:
    """The register holds 12 beds of the service for the open call's period."""
    return factories.NetworkEntryFactory(
        service=service, period=open_call.period, capacity=Decimal(12)
    )


def _form(call: Call, service: SocialService, liberec_orp: Any, **changes: str) -> dict[str, Any]:
    return {
        "call": call.pk,
        "service": service.pk,
        "kind": "capacity_increase",
        "capacity_current": "12",
        "capacity_requested": "14",
        "orps": [liberec_orp.pk],
        "justification": "Pořadník čekatelů.",
        **changes,
    }


def test_a_current_capacity_contradicting_the_register_is_refused(
    client_as: Callable[[str], Client],
    in_register: Any,
    open_call: Call,
    service: SocialService,
    liberec_orp: Any,
) -> None:
    data = _form(open_call, service, liberec_orp, capacity_current="0", capacity_requested="3,5")
    response = client_as("provider_user").post(reverse("plans:create"), data)
    assert response.status_code == 400
    assert (
        f"The network register holds a current capacity of 12 beds for this service in the "
        f"period {open_call.period}" in text(response)
    )
    assert field_value(response, "capacity_current") == "0"  # the input is kept
    assert not DevelopmentPlan.objects.exists()


def test_in_czech_the_refusal_names_the_registers_capacity(
    client_as: Callable[[str], Client],
    in_register: Any,
    open_call: Call,
    service: SocialService,
    liberec_orp: Any,
) -> None:
    data = _form(open_call, service, liberec_orp, capacity_current="0", capacity_requested="3,5")
    with translation.override("cs"):
        url = reverse("plans:create")  # Czech: no language prefix
    response = client_as("provider_user").post(url, data)
    assert response.status_code == 400
    assert "uvádí pro tuto službu v období" in text(response)
    assert "současnou kapacitu 12 lůžek" in text(response)


def test_left_empty_it_is_the_registers(
    client_as: Callable[[str], Client],
    in_register: Any,
    open_call: Call,
    service: SocialService,
    liberec_orp: Any,
) -> None:
    data = _form(open_call, service, liberec_orp, capacity_current="")
    response = client_as("provider_user").post(reverse("plans:create"), data)
    assert response.status_code == 302
    assert DevelopmentPlan.objects.get().capacity_current == Decimal(12)


def test_a_new_service_starts_from_zero(
    client_as: Callable[[str], Client], open_call: Call, liberec_orp: Any, provider: Any
) -> None:
    new = factories.SocialServiceFactory(provider=provider, name="Chráněné bydlení Vratislavice")
    inclusion = _form(open_call, new, liberec_orp, kind="inclusion", capacity_current="2")
    client = client_as("provider_user")
    refused = client.post(reverse("plans:create"), inclusion)
    assert refused.status_code == 400
    assert "current capacity of 0 beds" in text(refused)
    saved = client.post(reverse("plans:create"), {**inclusion, "capacity_current": ""})
    assert saved.status_code == 302
    assert DevelopmentPlan.objects.get().capacity_current == Decimal(0)


def test_the_form_prefills_the_registers_capacity_and_the_only_open_call(
    client_as: Callable[[str], Client], in_register: Any, open_call: Call, service: SocialService
) -> None:
    factories.CallFactory(name="Výzva plánovaná")  # planned, not open: still offered
    response = client_as("provider_user").get(reverse("plans:create"), {"service": service.pk})
    assert selected_values(response, "call") == [str(open_call.pk)]
    assert field_value(response, "capacity_current") == "12"
    found = re.search(r'data-register="([^"]*)"', response.content.decode())
    assert found is not None
    register = json.loads(found.group(1).replace("&quot;", '"'))
    assert register[f"{open_call.pk}-{service.pk}"] == "12"


def test_with_two_open_calls_none_is_chosen(
    client_as: Callable[[str], Client], open_call: Call
) -> None:
    factories.CallFactory(open=True, name="Druhá otevřená výzva")
    response = client_as("provider_user").get(reverse("plans:create"))
    assert selected_values(response, "call") in ([], [""])


def test_a_draft_whose_register_changed_since_is_not_submitted(
    client_as: Callable[[str], Client], make_plan: Callable[..., Any], service: SocialService
) -> None:
    plan = make_plan("draft")  # 3 → 15 beds; the register knew no capacity then
    factories.NetworkEntryFactory(service=service, period=plan.call.period, capacity=Decimal(5))
    response = client_as("provider_user").post(reverse("plans:submit", args=[plan.pk]))
    assert response.status_code == 409
    assert "current capacity of 5 beds" in text(response)
    assert reload(plan).state == PlanState.DRAFT


def test_czech_numbers_are_read_and_shown_the_czech_way(
    client_as: Callable[[str], Client], open_call: Call, liberec_orp: Any, provider: Any
) -> None:
    new = factories.SocialServiceFactory(provider=provider, name="Chráněné bydlení Rochlice")
    data = _form(
        open_call,
        new,
        liberec_orp,
        kind="inclusion",
        capacity_current="",
        capacity_requested="2,5",
        amount_requested="1 250 000,50",
    )
    client = client_as("provider_user")
    assert client.post(reverse("plans:create"), data).status_code == 302
    plan = DevelopmentPlan.objects.get()
    assert (plan.capacity_requested, plan.amount_requested) == (
        Decimal("2.5"),
        Decimal("1250000.5"),
    )
    with translation.override("cs"):
        edit = client.get(reverse("plans:edit", args=[plan.pk]))
    assert field_value(edit, "capacity_requested") == "2,5"
    assert field_value(edit, "amount_requested") == "1\u00a0250\u00a0000,5"
    unreadable = client.post(reverse("plans:create"), {**data, "capacity_requested": "2,5,1"})
    assert unreadable.status_code == 400
    assert "“2,5,1” is not a number" in text(unreadable)
    assert DevelopmentPlan.objects.count() == 1
