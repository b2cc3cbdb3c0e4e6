"""Transitions out of order, by the role that would be allowed to run them in the right
state: deciding a draft, issuing an opinion twice, resubmitting a decided plan, … Each is
409 with the reason, through the web page and the API, and leaves no trace: the state is
the same, no transition log row, no domain event.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.helpers import events, reload, state_logs
from tests.security.cases import DECISION, RESOLUTION
from tests.security.conftest import World
from tests.web.pages import text

NOT_POSSIBLE = "This action is not possible while the {object} is in the state “{state}”."


@dataclass(frozen=True)
class OutOfOrder:
    role: str
    make: Callable[[World], Any]
    web: str  # URL name of the page
    api: str  # API path, {id} for the object
    reason: str
    data: Callable[[], dict[str, Any]] = dict


def _plan(state: str) -> Callable[[World], Any]:
    return lambda world: world.plan(True, state)


def _opinion(state: str, plan_state: str = "awaiting_opinion", **fields: Any) -> Any:
    return lambda world: world.opinion(True, state, plan_state, **fields)


def _plan_in(state_label: str) -> str:
    return NOT_POSSIBLE.format(object="development plan", state=state_label)


def _opinion_in(state_label: str) -> str:
    return NOT_POSSIBLE.format(object="municipal opinion", state=state_label)


# fmt: off
CASES = {
    "decide a draft": OutOfOrder(
        "regional_officer", _plan("draft"), "plans:decide", "/api/v1/plans/{id}/decide/",
        _plan_in("draft"), lambda: dict(DECISION)),
    "decide a plan twice": OutOfOrder(
        "regional_officer", _plan("included"), "plans:decide", "/api/v1/plans/{id}/decide/",
        _plan_in("included"), lambda: dict(DECISION)),
    "decide before the opinions": OutOfOrder(
        "regional_officer", _plan("awaiting_opinion"), "plans:decide",
        "/api/v1/plans/{id}/decide/", _plan_in("awaiting municipal opinion"),
        lambda: dict(DECISION)),
    "submit twice": OutOfOrder(
        "provider_user", _plan("awaiting_opinion"), "plans:submit", "/api/v1/plans/{id}/submit/",
        _plan_in("awaiting municipal opinion")),
    "resubmit a decided plan": OutOfOrder(
        "provider_user", _plan("not_included"), "plans:resubmit",
        "/api/v1/plans/{id}/resubmit/", _plan_in("not included")),
    "resubmit a plan never returned": OutOfOrder(
        "provider_user", _plan("awaiting_decision"), "plans:resubmit",
        "/api/v1/plans/{id}/resubmit/", _plan_in("awaiting regional decision")),
    "withdraw a decided plan": OutOfOrder(
        "provider_user", _plan("included"), "plans:withdraw", "/api/v1/plans/{id}/withdraw/",
        _plan_in("included")),
    "withdraw twice": OutOfOrder(
        "provider_user", _plan("withdrawn"), "plans:withdraw", "/api/v1/plans/{id}/withdraw/",
        _plan_in("withdrawn")),
    "return a draft": OutOfOrder(
        "regional_officer", _plan("draft"), "plans:return",
        "/api/v1/plans/{id}/return-for-completion/", _plan_in("draft"),
        lambda: {"reason": "Doložte rozpočet."}),
    "issue an opinion twice": OutOfOrder(
        "municipal_officer", _opinion("issued", "awaiting_decision"), "plans:opinion_issue",
        "/api/v1/opinions/{id}/issue/", _opinion_in("issued")),
    "issue an opinion not drafted": OutOfOrder(
        "municipal_officer", _opinion("requested"), "plans:opinion_issue",
        "/api/v1/opinions/{id}/issue/", _opinion_in("requested")),
    "send an issued opinion to the council": OutOfOrder(
        "municipal_officer", _opinion("issued", "awaiting_decision"),
        "plans:opinion_send_to_council", "/api/v1/opinions/{id}/send-to-council/",
        _opinion_in("issued")),
    "record a resolution the council was not asked for": OutOfOrder(
        "council_secretary", _opinion("drafted"), "plans:opinion_resolution",
        "/api/v1/opinions/{id}/record-resolution/", _opinion_in("drafted"),
        lambda: dict(RESOLUTION)),
    "record a resolution twice": OutOfOrder(
        "council_secretary", _opinion("issued", "awaiting_decision"), "plans:opinion_resolution",
        "/api/v1/opinions/{id}/record-resolution/", _opinion_in("issued"),
        lambda: dict(RESOLUTION)),
    "draft an opinion of a withdrawn plan": OutOfOrder(
        "municipal_officer", _opinion("cancelled", "withdrawn"), "plans:opinion_draft",
        "/api/v1/opinions/{id}/draft/", _opinion_in("cancelled"),
        lambda: {"verdict": "supports", "conditions": ""}),
}
# fmt: on


def _unchanged(subject: Any) -> tuple[str, int, int]:
    return reload(subject).state, state_logs(subject).count(), events(subject).count()


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_web_transition_out_of_order_is_409_with_the_reason(
    world: World, web_as: Callable[..., Any], case: OutOfOrder
) -> None:
    subject = case.make(world)
    before = _unchanged(subject)
    response = web_as(case.role).post(reverse(case.web, args=[subject.pk]), case.data())
    assert response.status_code == 409
    assert case.reason in text(response)
    assert _unchanged(subject) == before


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_an_api_transition_out_of_order_is_409_with_the_reason(
    world: World, api_as: Callable[[str], APIClient], case: OutOfOrder
) -> None:
    subject = case.make(world)
    before = _unchanged(subject)
    response = api_as(case.role).post(case.api.format(id=subject.pk), case.data(), format="json")
    assert response.status_code == 409, response.content
    body = response.json()
    assert (body["code"], body["errors"]["non_field_errors"]) == ("conflict", [case.reason])
    assert _unchanged(subject) == before


def test_the_reason_is_czech_for_a_czech_client(world: World) -> None:
    plan = world.plan(True, "draft")
    client = APIClient(HTTP_ACCEPT_LANGUAGE="cs")
    client.force_authenticate(world.users["regional_officer"])
    response = client.post(f"/api/v1/plans/{plan.pk}/decide/", DECISION, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == (
        "Tuto akci nelze provést, dokud je rozvojový záměr ve stavu „koncept“."
    )


@pytest.mark.parametrize(
    ("transition", "state", "reason"),
    [
        ("open", "closed", "This action is not possible while the call is in the state “closed”."),
        ("finish", "open", "This action is not possible while the call is in the state “open”."),
        (
            "close",
            "finished",
            "This action is not possible while the call is in the state “finished”.",
        ),
    ],
)
def test_call_transitions_out_of_order(
    world: World, api_as: Callable[[str], APIClient], transition: str, state: str, reason: str
) -> None:
    call = world.call(True, **{state: True})
    before = _unchanged(call)
    response = api_as("regional_officer").post(f"/api/v1/calls/{call.pk}/{transition}/")
    assert response.status_code == 409
    assert response.json()["errors"]["non_field_errors"] == [reason]
    assert _unchanged(call) == before


@pytest.mark.parametrize("state", ["awaiting_opinion", "included", "withdrawn"])
def test_the_edit_page_of_a_plan_that_cannot_change_is_409_not_a_form(
    world: World, web_as: Callable[..., Any], state: str
) -> None:
    plan = world.plan(True, state)
    response = web_as("provider_user").get(reverse("plans:edit", args=[plan.pk]))
    assert response.status_code == 409
    page = text(response)
    assert "Only a draft or a plan returned for completion can be edited." in page
    assert 'name="capacity_requested"' not in page


@pytest.mark.parametrize("state", ["open", "closed", "finished"])
def test_the_edit_page_of_an_opened_call_is_409_not_a_form(
    world: World, web_as: Callable[..., Any], api_as: Callable[[str], APIClient], state: str
) -> None:
    call = world.call(True, **{state: True})
    response = web_as("regional_officer").get(reverse("calls:edit", args=[call.pk]))
    assert response.status_code == 409
    assert "The deadlines can be changed only before the call opens." in text(response)
    assert 'name="closes_at"' not in text(response)
    patched = api_as("regional_officer").patch(f"/api/v1/calls/{call.pk}/", {"completion_days": 5})
    assert patched.status_code == 409
    assert reload(call).completion_days == call.completion_days
