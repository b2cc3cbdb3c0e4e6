"""CSRF: every unsafe request to every page and every session-authenticated API endpoint is
refused without the token, and nothing changes. The URLs come from the resolver, so a new
form or endpoint is covered; the controls at the end show a request with the token works, so
the refusals are the CSRF check's and not something else's.
"""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django_fsm_log.models import StateLog
from rest_framework.test import APIClient

from backend.events.models import Event
from backend.plans.models import DevelopmentPlan
from tests.helpers import reload
from tests.security.conftest import World, attachment_of, document_of
from tests.security.test_idor import _patterns, get_resolver

# Token authentication carries no cookie, so it needs no CSRF token; this endpoint takes a
# password and answers a token, with no session involved.
NO_SESSION = {"api:token-obtain"}
ARGUMENT = re.compile(r"<(?:int|id|str|path):(\w+)>|\(\?P<(\w+)>[^)]*\)")


def _unsafe_targets() -> list[tuple[str, str]]:
    """(name, route) of every URL whose arguments this suite can fill (the admin's object
    pages excepted: the admin index, lists and forms without an id are covered)."""
    fillable = {"plan_id", "attachment_id", "document_id", "opinion_id", "call_id", "pk", "fmt"}
    fillable |= {"notification_id", "entry_id"}
    targets = []
    for name, route in _patterns(get_resolver()):
        arguments = {m.group(1) or m.group(2) for m in ARGUMENT.finditer(route)}
        if name.startswith("admin:") and arguments:
            continue
        if arguments <= fillable and name not in NO_SESSION:
            targets.append((name, route))
    return sorted(targets)


TARGETS = _unsafe_targets()


def _path(route: str, ids: dict[str, Any]) -> str:
    def fill(match: re.Match[str]) -> str:
        return str(ids[match.group(1) or match.group(2)])

    path = ARGUMENT.sub(fill, route).replace("^", "").replace("$", "")
    return "/" + path.replace("\\.", ".")


def _ids(world: World, name: str) -> dict[str, Any]:
    plan = world.plan(True, "awaiting_opinion")
    opinion = world.opinion(True, "requested")
    document = document_of(plan)
    pk = {"call": world.calls[True].pk, "opinion": opinion.pk, "document": document.pk}
    subject = name.removeprefix("api:").split("-")[0]
    return {
        "plan_id": plan.pk,
        "attachment_id": attachment_of(plan).pk,
        "document_id": document.pk,
        "opinion_id": opinion.pk,
        "call_id": world.calls[True].pk,
        "notification_id": 1,
        "entry_id": 1,
        "fmt": "csv",
        "pk": pk.get(subject, plan.pk),
    }


def _writes() -> tuple[int, int, int]:
    return StateLog.objects.count(), Event.objects.count(), DevelopmentPlan.objects.count()


@pytest.mark.parametrize(("name", "route"), TARGETS, ids=[name for name, _ in TARGETS])
def test_no_unsafe_request_without_the_csrf_token(
    world: World, web_as: Callable[..., Any], name: str, route: str
) -> None:
    """Signed in as the regional office's staff superuser (who could do the most), no POST,
    PUT, PATCH or DELETE gets through without the token."""
    officer = world.users["regional_officer"]
    officer.is_staff = officer.is_superuser = True
    officer.save()
    path = _path(route, _ids(world, name))
    if name.startswith("api:"):
        client: Any = APIClient(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(officer)
    else:
        client = web_as("regional_officer", csrf=True)
    before = _writes()
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(path, {})
        if response.status_code == 405:
            continue
        assert response.status_code == 403, (method, path, response.status_code)
        assert b"CSRF" in response.content, (method, path)
    assert _writes() == before


def test_every_form_of_the_application_is_covered() -> None:
    names = {name for name, _ in TARGETS}
    assert {"plans:withdraw", "plans:opinion_resolution", "calls:edit", "login"} <= names
    assert {"api:plan-decide", "api:opinion-issue", "api:call-open", "api:token-list"} <= names


def test_the_same_request_with_the_token_works(world: World, web_as: Callable[..., Any]) -> None:
    plan = world.plan(True, "awaiting_opinion")
    client = web_as("provider_user", csrf=True)
    client.get(reverse("plans:detail", args=[plan.pk]))  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    url = reverse("plans:withdraw", args=[plan.pk])
    assert client.post(url, {"comment": "x"}).status_code == 403
    assert reload(plan).state == "awaiting_opinion"
    response = client.post(url, {"comment": "x", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert reload(plan).state == "withdrawn"


def test_a_session_authenticated_api_call_needs_the_token(world: World) -> None:
    plan = world.plan(True, "awaiting_opinion")
    client = APIClient(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.users["provider_user"])
    url = f"/api/v1/plans/{plan.pk}/withdraw/"
    refused = client.post(url, {}, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert reload(plan).state == "awaiting_opinion"
    client.get("/api/v1/plans/")  # any page sets the cookie? the login page does for sure
    token = client.cookies.get("csrftoken")
    if token is None:
        client.get(reverse("login"))
        token = client.cookies["csrftoken"]
    accepted = client.post(url, {}, format="json", HTTP_X_CSRFTOKEN=token.value)
    assert accepted.status_code == 200, accepted.content
    assert reload(plan).state == "withdrawn"


def test_token_authenticated_api_calls_need_no_csrf_token(world: World) -> None:
    """A personal token is not sent by the browser on its own, so CSRF cannot use it."""
    from backend.api.services import token_create

    plan = world.plan(True, "awaiting_opinion")
    _token, key = token_create(user=world.users["provider_user"], name="CI")
    client = APIClient(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Token {key}")
    response = client.post(f"/api/v1/plans/{plan.pk}/withdraw/", {}, format="json")
    assert response.status_code == 200, response.content
    assert reload(plan).state == "withdrawn"
