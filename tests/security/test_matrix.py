"""Every cell of the permission matrix, through the web pages and the API.

The expected answer comes from the matrix (`backend/core/permissions_matrix.py`), the
requests from `cases.py`, the answers from the real views: a rule in code that drifts from
the declared matrix fails here, and so does a matrix row nobody exercises.

- allowed, object in scope → it works (2xx, or a redirect after a form) and the effect
  happened (the state changed, the file came back, the list shows the object);
- allowed, object out of scope → 404 and nothing changed (lists: the object is absent);
- refused → 403 when the role may see the object, 404 when it may not, an empty list for
  scoped lists, the login page (API: 401) for anonymous visitors; nothing changed.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from backend.core.permissions_matrix import (
    BY_KEY,
    MATRIX,
    ROLES,
    Action,
    Refusal,
    Scope,
    visibility_of,
)
from tests.security.cases import CASES, Case
from tests.security.conftest import World

OK, FORBIDDEN, NOT_FOUND, LOGIN, ABSENT, ADMIN_LOGIN, SKIPPED = (
    "ok",
    "403",
    "404",
    "login",
    "absent",
    "admin login",
    "skipped",
)


BULK = frozenset({"plan.bulk_decide", "plan.bulk_assign"})


def expected(entry: Action, role: str, *, home: bool) -> str:
    """What the matrix says `role` gets for the object at home (in every role's scope) or
    away (in none)."""
    scope = entry.scope(role)
    if scope is not Scope.NONE:
        if home or scope is Scope.ALL:
            return OK
        if entry.refusal is Refusal.EMPTY or CASES[entry.key].kind == "list":
            return ABSENT
        # Bulk actions take a list of ids: one outside the region is skipped, not acted on.
        return SKIPPED if entry.key in BULK else NOT_FOUND
    if entry.refusal is Refusal.ADMIN_LOGIN:
        return ADMIN_LOGIN
    if role == "anonymous":
        return LOGIN
    if entry.refusal is Refusal.EMPTY:
        return ABSENT
    if entry.refusal is Refusal.GATED:
        return FORBIDDEN
    visible = visibility_of(entry).scope(role)
    return FORBIDDEN if visible is Scope.ALL or (visible is not Scope.NONE and home) else NOT_FOUND


def _cells() -> list[Any]:
    cells = []
    for entry in MATRIX:
        case = CASES[entry.key]
        placements = {"object": (True, False), "list": (None,), "objectless": (True,)}[case.kind]
        for channel in ("web", "api"):
            if getattr(case, channel) is None:
                continue
            for role in ROLES:
                for home in placements:
                    where = {True: "home", False: "away", None: "list"}[home]
                    cells.append(
                        pytest.param(
                            entry.key,
                            channel,
                            role,
                            home,
                            id=f"{entry.key}-{channel}-{role}-{where}",
                        )
                    )
    return cells


def _redirects_to(response: HttpResponse, name: str) -> bool:
    return response.status_code == 302 and urlsplit(response["Location"]).path == reverse(name)


def _assert_refused(response: HttpResponse, outcome: str, channel: str) -> None:
    if outcome == LOGIN:
        if channel == "api":
            assert response.status_code == 401, response.content[:300]
        else:
            assert _redirects_to(response, "login"), response
    elif outcome == ADMIN_LOGIN:
        assert _redirects_to(response, "admin:login"), response
    else:
        assert response.status_code == int(outcome), response.content[:300]
        if channel == "api":
            code = {"403": "forbidden", "404": "not_found"}[outcome]
            assert response.json()["code"] == code


def _assert_works(response: HttpResponse, channel: str) -> None:
    ok = (200, 201, 204) if channel == "api" else (200, 302)
    assert response.status_code in ok, response.content[:500]
    if response.status_code == 302:
        assert not _redirects_to(response, "login")


def _body(response: HttpResponse) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def _run_list(
    case: Case, entry: Action, role: str, channel: str, world: World, client: Any
) -> None:
    home_object, away_object = case.make(world, True), case.make(world, False)
    response = getattr(case, channel)(client, None)
    body = _body(response)
    for obj, home in ((home_object, True), (away_object, False)):
        outcome = expected(entry, role, home=home)
        if outcome in (OK, ABSENT):
            assert response.status_code == 200, body[:300]
            assert case.listed is not None
            assert case.listed(body, obj) == (outcome == OK), f"{'home' if home else 'away'}"
        else:
            _assert_refused(response, outcome, channel)


@pytest.mark.parametrize(("key", "channel", "role", "home"), _cells())
def test_cell(
    world: World,
    web_as: Callable[[str], Any],
    api_as: Callable[[str], Any],
    key: str,
    channel: str,
    role: str,
    home: bool | None,
) -> None:
    entry, case = BY_KEY[key], CASES[key]
    client = web_as(role) if channel == "web" else api_as(role)
    if case.kind == "list":
        _run_list(case, entry, role, channel, world, client)
        return
    obj = case.make(world, bool(home))
    outcome = expected(entry, role, home=bool(home))
    response = getattr(case, channel)(client, obj)
    if outcome == OK:
        _assert_works(response, channel)
        if case.done is not None:
            assert case.done(world if case.kind == "objectless" else obj)
        if case.shows is not None:
            assert case.shows(response, obj)
        return
    if outcome == SKIPPED:
        assert response.status_code == (302 if channel == "web" else 200)
    else:
        _assert_refused(response, outcome, channel)
    if case.done is not None:
        assert not case.done(world if case.kind == "objectless" else obj)


def test_every_row_is_exercised() -> None:
    """A new matrix row needs its requests in cases.py, through the interfaces it names."""
    assert set(CASES) == set(BY_KEY)
    for entry in MATRIX:
        case = CASES[entry.key]
        assert (case.web is not None) == bool(entry.web), entry.key
        assert (case.api is not None) == bool(entry.api), entry.key


def test_the_declared_urls_exist() -> None:
    """The matrix's API routes and page names resolve (it documents the real interfaces)."""
    for entry in MATRIX:
        for route in entry.api:
            method, path = route.split(" ")
            path = path.format(
                id=1,
                attachment_id=1,
                call_document_id=1,
                form_id=1,
                required_document_id=1,
                fmt="csv",
            )
            match = resolve(path)
            assert match.url_name != "not-found", route
            handler = getattr(match.func, "actions", None)
            if handler is not None:  # a viewset: the method must be routed to an action
                assert method.lower() in handler, route
        for name in entry.web:
            assert name in _names(get_resolver()), name


def _names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


# Pages outside the matrix: each protects only the signed-in user's own data or is public.
OUTSIDE_THE_MATRIX = {
    "web:home",  # the personal inbox (or a welcome)
    "web:accessibility",  # the public accessibility statement (Act No. 99/2019 Coll.)
    "notifications:inbox",
    "notifications:read_all",
    "notifications:preferences",
    "notifications:open",  # the user's own notifications (tests/notifications)
    "insight:workflow",  # the generated state diagrams, for every signed-in user
    "plans:pdf",  # the submitted plan's newest document: as plans:document
    # the council's uploaded resolution: as resolution.view (its API twin is
    # api:resolution-document), tested in tests/web/test_steps.py and by tests/security/test_idor
    "plans:resolution_document",
    # ending the user's own absence (any other id is 404: tests/security/test_idor and
    # tests/casework/test_absences)
    "casework:absence_end",
}


def test_every_page_of_the_domain_is_in_the_matrix() -> None:
    """A new page must be declared in the matrix (or listed above with the reason)."""
    domain = {
        "plans",
        "calls",
        "network",
        "insight",
        "notifications",
        "web",
        "imports",
        "remedies",
        "casework",
        "clarifications",
        "letters",
        "assessment",
        "demand",
        "callsetup",
    }
    pages = {name for name in _names(get_resolver()) if name.split(":")[0] in domain}
    declared = {name for entry in MATRIX for name in entry.web}
    assert pages - declared - OUTSIDE_THE_MATRIX == set()
    assert declared - pages <= {"admin:index"}
