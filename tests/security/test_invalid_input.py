"""Invalid input through the forms and the API: an IČ with a bad check digit, registration
numbers, capacities (negative, zero where a change needs some, more digits than a capacity
holds), dates (a window that ends before it starts, deadlines in the past or before the
phase they follow, malformed). Each answer is 400 with the reason in Czech next to the
field, and nothing is saved.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone, translation
from django_fsm_log.models import StateLog
from rest_framework.test import APIClient

from backend.calls.models import Call
from backend.plans.models import DevelopmentPlan, RegionalDecision
from backend.registry.models import Provider, SocialService
from tests import factories
from tests.helpers import reload
from tests.security.cases import DECISION, plan_api, plan_form
from tests.security.conftest import World, new_call_data
from tests.web.pages import text

BAD_ICO = "26672473"  # TULIPAN's IČ with the last digit changed
IN_A_WEEK = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
YESTERDAY = (timezone.localdate() - dt.timedelta(days=1)).isoformat()

ICO = "IČ „26672473“ není platné: nesouhlasí kontrolní číslice."
REGISTRATION = "Identifikátor služby musí mít přesně 7 číslic."
NEGATIVE_FORM = "Hodnota musí být větší nebo rovna 0."
NEGATIVE_API = "Zkontrolujte, že hodnota je větší nebo rovna 0."
TOO_MANY_DIGITS_FORM = "Ujistěte se, že pole neobsahuje celkem více než 9 číslic."
TOO_MANY_DIGITS_API = "Zkontrolujte, že číslo neobsahuje více než 9 čislic."
NO_INCREASE = "Při navýšení musí být požadovaná kapacita vyšší než stávající."
NO_CAPACITY = "U nové služby musí být požadovaná kapacita větší než nula."
WINDOW = "Výzva musí být uzavřena až po svém otevření."
CLOSED_ALREADY = "Výzva nemůže být uzavřena v minulosti."
OPINION_BEFORE_CLOSING = "Lhůta pro vyjádření obce nemůže skončit před uzavřením výzvy."
DUE_IN_THE_PAST = "Lhůta k doplnění nemůže být v minulosti."
BAD_DATE_FORM = "Zadejte platné datum."
BAD_DATE_API = "Chybný formát data."


@dataclass(frozen=True)
class Attempt:
    """One invalid input: who sends what where, the Czech reason expected on `field`, and
    the rows that must stay as they were."""

    role: str
    target: Callable[[World], str]  # the page or endpoint
    data: Callable[[World], dict[str, Any]]
    field: str
    message: str
    unchanged: Callable[[World], Any] = field(default=lambda world: None)


def _service(**changes: Any) -> dict[str, Any]:
    return {
        "name": "Odlehčovací služba Domov",
        "registration_number": "1234567",
        "registered_on": "2020-01-01",
        "service_type": factories.service_type("44").pk,
        "form": "outpatient",
        **changes,
    }


def _call_form(**changes: Any) -> dict[str, Any]:
    return {**new_call_data(factories.NetworkPeriodFactory(), "Výzva 2027"), **changes}


def _later(days: int) -> str:
    return (timezone.localtime() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def _count(model: type[Model]) -> Callable[[World], int]:
    return lambda world: model.objects.count()


def _awaiting_decision(world: World) -> int:
    return world.plan(True, "awaiting_decision").pk


def _page(name: str, *args: Callable[[World], int]) -> Callable[[World], str]:
    def url(world: World) -> str:
        with translation.override("cs"):  # the Czech pages have no language prefix
            return reverse(name, args=[make(world) for make in args])

    return url


PLANS = _count(DevelopmentPlan)
SERVICES = _count(SocialService)
CALLS = _count(Call)
STATES = lambda world: sorted(DevelopmentPlan.objects.values_list("pk", "state"))  # noqa: E731
LOGS = _count(StateLog)

# fmt: off
FORMS = {
    "registration number too short": Attempt(
        "provider_user", _page("plans:service_create"),
        lambda w: _service(registration_number="12345"), "registration_number", REGISTRATION,
        SERVICES),
    "registration number with letters": Attempt(
        "provider_user", _page("plans:service_create"),
        lambda w: _service(registration_number="12345AB"), "registration_number", REGISTRATION,
        SERVICES),
    "negative capacity": Attempt(
        "provider_user", _page("plans:create"),
        lambda w: plan_form(w, capacity_current="-1"), "capacity_current", NEGATIVE_FORM, PLANS),
    "an increase to zero": Attempt(
        "provider_user", _page("plans:create"),
        lambda w: plan_form(w, capacity_requested="0"), "capacity_requested", NO_INCREASE, PLANS),
    "a new service with no capacity": Attempt(
        "provider_user", _page("plans:create"),
        lambda w: plan_form(w, kind="inclusion", capacity_current="0", capacity_requested="0"),
        "capacity_requested", NO_CAPACITY, PLANS),
    "an absurd capacity": Attempt(
        "provider_user", _page("plans:create"),
        lambda w: plan_form(w, capacity_requested="1000000000"), "capacity_requested",
        TOO_MANY_DIGITS_FORM, PLANS),
    "a malformed date": Attempt(
        "provider_user", _page("plans:create"),
        lambda w: plan_form(w, planned_start="2026-02-30"), "planned_start", BAD_DATE_FORM, PLANS),
    "a window that ends before it starts": Attempt(
        "regional_officer", _page("calls:create"),
        lambda w: _call_form(opens_at=_later(20), closes_at=_later(10)), "closes_at", WINDOW,
        CALLS),
    "a window over already": Attempt(
        "regional_officer", _page("calls:create"),
        lambda w: _call_form(opens_at=_later(-20), closes_at=_later(-10)), "closes_at",
        CLOSED_ALREADY, CALLS),
    "an opinion deadline before the window closes": Attempt(
        "regional_officer", _page("calls:create"),
        lambda w: _call_form(opinion_deadline_days="", opinion_deadline_date=IN_A_WEEK),
        "opinion_deadline_date", OPINION_BEFORE_CLOSING, CALLS),
    "a completion deadline in the past": Attempt(
        "regional_officer", _page("plans:return", _awaiting_decision),
        lambda w: {"reason": "Doložte rozpočet.", "due": YESTERDAY}, "due", DUE_IN_THE_PAST,
        lambda w: (STATES(w), LOGS(w))),
    "a decision with a negative capacity": Attempt(
        "regional_officer", _page("plans:decide", _awaiting_decision),
        lambda w: {**DECISION, "approved_capacity": "-5"}, "approved_capacity", NEGATIVE_FORM,
        lambda w: (STATES(w), LOGS(w), RegionalDecision.objects.count())),
}
API = {
    "an IČ with a bad check digit": Attempt(
        "regional_officer", lambda w: "/api/v1/providers/",
        lambda w: {"name": "Nový poskytovatel, z. s.", "ico": BAD_ICO, "legal_form": "zs",
                   "address": "Liberec"},
        "ico", ICO, _count(Provider)),
    "a registration number too short": Attempt(
        "provider_user", lambda w: "/api/v1/services/",
        lambda w: {**_service(registration_number="12345"), "service_type": "44", "orps": ["5105"]},
        "registration_number", REGISTRATION, SERVICES),
    "a negative capacity": Attempt(
        "provider_user", lambda w: "/api/v1/plans/",
        lambda w: plan_api(w, capacity_current="-1"), "capacity_current", NEGATIVE_API, PLANS),
    "an increase to zero": Attempt(
        "provider_user", lambda w: "/api/v1/plans/",
        lambda w: plan_api(w, capacity_requested="0"), "capacity_requested", NO_INCREASE, PLANS),
    "an absurd capacity": Attempt(
        "provider_user", lambda w: "/api/v1/plans/",
        lambda w: plan_api(w, capacity_requested="1000000000"), "capacity_requested",
        TOO_MANY_DIGITS_API, PLANS),
    "a window that ends before it starts": Attempt(
        "regional_officer", lambda w: "/api/v1/calls/",
        lambda w: _call_form(opens_at=_later(20), closes_at=_later(10)), "closes_at", WINDOW,
        CALLS),
    "a window over already": Attempt(
        "regional_officer", lambda w: "/api/v1/calls/",
        lambda w: _call_form(opens_at=_later(-20), closes_at=_later(-10)), "closes_at",
        CLOSED_ALREADY, CALLS),
    "an opinion deadline before the window closes": Attempt(
        "regional_officer", lambda w: "/api/v1/calls/",
        lambda w: {**_call_form(opinion_deadline_date=IN_A_WEEK), "opinion_deadline_days": None},
        "opinion_deadline_date", OPINION_BEFORE_CLOSING, CALLS),
    "a completion deadline in the past": Attempt(
        "regional_officer",
        lambda w: f"/api/v1/plans/{_awaiting_decision(w)}/return-for-completion/",
        lambda w: {"reason": "Doložte rozpočet.", "due": YESTERDAY}, "due", DUE_IN_THE_PAST,
        lambda w: (STATES(w), LOGS(w))),
    "a malformed meeting date": Attempt(
        "council_secretary",
        lambda w: f"/api/v1/opinions/{w.opinion(True, 'awaiting_council', 'awaiting_council').pk}"
                  "/record-resolution/",
        lambda w: {"number": "827/2017", "meeting_date": "29. 8. 2017x", "outcome": "approved"},
        "meeting_date", BAD_DATE_API, lambda w: (STATES(w), LOGS(w))),
}
# fmt: on


@pytest.mark.parametrize("attempt", FORMS.values(), ids=FORMS.keys())
def test_a_form_refuses_invalid_input_in_czech(
    world: World, web_as: Callable[..., Any], attempt: Attempt
) -> None:
    url = attempt.target(world)
    data = attempt.data(world)
    before = attempt.unchanged(world)
    response = web_as(attempt.role).post(url, data)
    assert response.status_code == 400, response.status_code
    page = text(response)
    assert attempt.message in page
    # The reason stands next to its field (the field's error list follows the field).
    assert f'name="{attempt.field}"' in page
    assert attempt.unchanged(world) == before


@pytest.mark.parametrize("attempt", API.values(), ids=API.keys())
def test_the_api_refuses_invalid_input_in_czech(world: World, attempt: Attempt) -> None:
    url = attempt.target(world)
    data = attempt.data(world)
    before = attempt.unchanged(world)
    client = APIClient(HTTP_ACCEPT_LANGUAGE="cs")
    client.force_authenticate(world.users[attempt.role])
    response = client.post(url, data, format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid", body
    assert attempt.field in body["errors"], body
    assert any(attempt.message in message for message in body["errors"][attempt.field]), body
    assert attempt.unchanged(world) == before


def test_an_edited_plan_keeps_its_capacity_when_the_input_is_absurd(
    world: World, web_as: Callable[..., Any]
) -> None:
    plan = world.plan(True, "draft")
    client = APIClient(HTTP_ACCEPT_LANGUAGE="cs")
    client.force_authenticate(world.users["provider_user"])
    response = client.patch(f"/api/v1/plans/{plan.pk}/", {"capacity_requested": "-3"})
    assert response.status_code == 400
    assert NEGATIVE_API in response.json()["errors"]["capacity_requested"][0]
    assert reload(plan).capacity_requested == 15
