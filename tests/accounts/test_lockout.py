"""Login lockout (django-axes): five failures of one username from one address block it for
the cool-off time, on the login page and on the API's token endpoint, without telling whether
the account exists; an administrator's reset unlocks it."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from axes.models import AccessAttempt
from axes.utils import reset
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from backend.api.throttling import LoginThrottle
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed attempts to log in. Try again in 15 minutes"


def _login(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_login_even_for_the_right_one(
    client: Client, provider_user: Any, with_password: Any
) -> None:
    with_password(provider_user)
    statuses = [_login(client, "tulipan", "wrong").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    locked = _login(client, "tulipan", PASSWORD)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert LOCKED in page
    assert "Traceback" not in page and 'name="password"' in page  # the login page, not an error
    assert "_auth_user_id" not in client.session


def test_the_lockout_ends_after_the_cool_off(
    client: Client, provider_user: Any, with_password: Any
) -> None:
    with_password(provider_user)
    for _ in range(5):
        _login(client, "tulipan", "wrong")
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        assert _login(client, "tulipan", PASSWORD)["Location"] == reverse("web:home")


def test_an_unknown_username_is_locked_out_the_same_way(client: Client, db: None) -> None:
    """The same answers as for an existing account: nothing tells whether it exists."""
    answers = [_login(client, "nobody-here", "wrong") for _ in range(6)]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 429, 429]
    assert LOCKED in answers[-1].content.decode()


def test_the_lockout_is_per_username_and_address(
    client: Client, provider_user: Any, with_password: Any
) -> None:
    with_password(provider_user)
    for _ in range(5):
        _login(client, "tulipan", "wrong")
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    response = elsewhere.post(reverse("login"), {"username": "tulipan", "password": PASSWORD})
    assert response.status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(
    client: Client, provider_user: Any, with_password: Any
) -> None:
    with_password(provider_user)
    for attempt in range(5):
        client.post(
            reverse("login"),
            {"username": "tulipan", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )
    assert _login(client, "tulipan", PASSWORD).status_code == 429


def test_an_administrator_reset_unlocks_at_once(
    client: Client, provider_user: Any, with_password: Any
) -> None:
    with_password(provider_user)
    for _ in range(5):
        _login(client, "tulipan", "wrong")
    assert AccessAttempt.objects.filter(username="tulipan").exists()
    reset(username="tulipan")  # what `manage.py axes_reset_username tulipan` does
    assert _login(client, "tulipan", PASSWORD)["Location"] == reverse("web:home")


def test_a_success_clears_the_count(client: Client, provider_user: Any, with_password: Any) -> None:
    with_password(provider_user)
    for _ in range(4):
        _login(client, "tulipan", "wrong")
    assert _login(client, "tulipan", PASSWORD).status_code == 302
    other = Client()
    statuses = [_login(other, "tulipan", "wrong").status_code for _ in range(4)]
    assert statuses == [200] * 4


def test_the_lockout_message_is_czech_on_the_czech_page(
    client: Client, provider_user: Any, with_password: Any
) -> None:
    with_password(provider_user)
    for _ in range(5):
        client.post("/accounts/login/", {"username": "tulipan", "password": "wrong"})
    page = client.post("/accounts/login/", {"username": "tulipan", "password": PASSWORD})
    assert page.status_code == 429
    assert "Příliš mnoho neúspěšných pokusů o přihlášení" in page.content.decode()


def test_the_api_token_endpoint_locks_out_too(provider_user: Any, with_password: Any) -> None:
    with_password(provider_user)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    url = "/api/v1/auth/token/"
    answers = [api.post(url, {"username": "tulipan", "password": "nope"}) for _ in range(5)]
    assert [a.status_code for a in answers] == [401, 401, 401, 401, 429]
    last = api.post(url, {"username": "tulipan", "password": PASSWORD, "name": "ERP"})
    assert last.status_code == 429
    assert last.json()["code"] == "throttled"
    assert LOCKED in last.json()["detail"]
    assert int(last.headers["Retry-After"]) == 15 * 60


# --- password spraying: a limit per address over all usernames --------------------------

ADDRESS_LOCKED = "Too many failed attempts to log in from your network address"
SPRAYED = ["tulipan", "czsp", "cvt", "romodrom", "nobody-here"]


def test_twenty_failures_over_five_usernames_lock_the_address(
    client: Client, provider_user: Any, with_password: Any
) -> None:
    """Four guesses at each of five accounts stay under the per-username limit; the address
    is locked at twenty, also for a right password, and no other address is."""
    with_password(provider_user)
    statuses = [_login(client, name, "wrong").status_code for _ in range(4) for name in SPRAYED]
    assert statuses == [200] * 19 + [429]
    refused = _login(client, "tulipan", PASSWORD)
    assert refused.status_code == 429
    assert ADDRESS_LOCKED in refused.content.decode()
    assert "_auth_user_id" not in client.session
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    assert _login(elsewhere, "tulipan", PASSWORD)["Location"] == reverse("web:home")


def test_a_known_password_does_not_clear_the_address_count(
    client: Client, provider_user: Any, with_password: Any
) -> None:
    """A sprayer who owns one account logs in with it between guesses: the success clears
    that username's failures only."""
    with_password(provider_user)
    for _ in range(4):
        for name in SPRAYED[1:]:
            _login(client, name, "wrong")
    assert _login(client, "tulipan", PASSWORD).status_code == 302
    client.logout()
    statuses = [_login(client, "another", "wrong").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert _login(client, "tulipan", PASSWORD).status_code == 429


def test_the_address_lockout_ends_after_the_cool_off(
    client: Client, provider_user: Any, with_password: Any
) -> None:
    with_password(provider_user)
    for _ in range(4):
        for name in SPRAYED:
            _login(client, name, "wrong")
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        assert _login(client, "tulipan", PASSWORD)["Location"] == reverse("web:home")


def test_the_api_token_endpoint_counts_the_address_too(
    provider_user: Any, with_password: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The endpoint's own throttle (10 a minute per address) would answer first.
    monkeypatch.setattr(LoginThrottle, "allow_request", lambda *args: True)
    with_password(provider_user)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    url = "/api/v1/auth/token/"
    for _ in range(4):
        for name in SPRAYED:
            api.post(url, {"username": name, "password": "nope", "name": "x"})
    last = api.post(url, {"username": "tulipan", "password": PASSWORD, "name": "ERP"})
    assert last.status_code == 429
    assert ADDRESS_LOCKED in last.json()["detail"]


def test_the_address_lockout_message_is_czech_on_the_czech_page(
    client: Client, provider_user: Any, with_password: Any
) -> None:
    with_password(provider_user)
    for _ in range(4):
        for name in SPRAYED:
            client.post("/accounts/login/", {"username": name, "password": "wrong"})
    page = client.post("/accounts/login/", {"username": "tulipan", "password": PASSWORD})
    assert page.status_code == 429
    assert "z vaší síťové adresy" in page.content.decode()
