"""Authentication: personal tokens (obtain with a password, list, create, revoke), the
session, who am I, and the throttles on login and writes."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from backend.api.models import ApiToken
from backend.api.services import token_create

pytestmark = pytest.mark.django_db


def _token_client(key: str) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def password_user(provider_user: Any) -> Any:
    provider_user.set_password("zsss-demo-2017")
    provider_user.save()
    return provider_user


def test_obtain_a_token_with_a_password_and_use_it(api: Any, password_user: Any) -> None:
    response = api.post(
        "/api/v1/auth/token/",
        {"username": "tulipan", "password": "zsss-demo-2017", "name": "ERP"},
    )
    assert response.status_code == 201, response.json()
    key = response.json()["key"]
    assert ApiToken.objects.get().digest != key  # only a digest is stored
    me = _token_client(key).get("/api/v1/me/").json()
    assert me["username"] == "tulipan"
    assert me["memberships"][0]["role"] == "provider_user"
    tokens = _token_client(key).get("/api/v1/auth/tokens/").json()
    assert [(t["name"], t["current"]) for t in tokens] == [("ERP", True)]
    assert "key" not in tokens[0]


def test_a_wrong_password_is_401(api: Any, password_user: Any) -> None:
    response = api.post("/api/v1/auth/token/", {"username": "tulipan", "password": "nope"})
    assert (response.status_code, response.json()["code"]) == (401, "authentication_failed")


def test_login_attempts_are_throttled(api: Any, password_user: Any, settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 100  # the per-address throttle, not the lockout (tests/accounts)
    statuses = [
        api.post("/api/v1/auth/token/", {"username": "tulipan", "password": "nope"}).status_code
        for _ in range(11)
    ]
    assert statuses == [401] * 10 + [429]
    last = api.post("/api/v1/auth/token/", {"username": "tulipan", "password": "zsss-demo-2017"})
    assert last.status_code == 429
    assert last.json()["code"] == "throttled"
    assert int(last.headers["Retry-After"]) > 0


def test_writes_are_throttled_per_user_reads_are_not(
    client_for: Any, provider_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backend.api.throttling import WriteThrottle

    monkeypatch.setattr(WriteThrottle, "THROTTLE_RATES", {"write": "2/min"})
    client = client_for(provider_user)
    reads = [client.get("/api/v1/auth/tokens/").status_code for _ in range(5)]
    writes = [client.post("/api/v1/auth/tokens/", {"name": f"t{i}"}).status_code for i in range(3)]
    assert reads == [200] * 5
    assert writes == [201, 201, 429]


def test_create_list_and_revoke_tokens(client_for: Any, provider_user: Any) -> None:
    client = client_for(provider_user)
    created = client.post("/api/v1/auth/tokens/", {"name": "Registr"}).json()
    assert len(created["key"]) > 40
    assert created["prefix"] == created["key"][:8]
    assert client.delete(f"/api/v1/auth/tokens/{created['id']}/").status_code == 204
    assert _token_client(created["key"]).get("/api/v1/me/").status_code == 401
    assert client.get("/api/v1/auth/tokens/").json() == []


def test_another_users_token_is_not_found(
    client_for: Any, provider_user: Any, other_provider_user: Any
) -> None:
    token, _key = token_create(user=other_provider_user, name="theirs")
    assert client_for(provider_user).delete(f"/api/v1/auth/tokens/{token.pk}/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


@pytest.mark.parametrize(
    "header",
    ["Token", "Token not-a-key", "Token a b"],
)
def test_bad_token_headers_are_401(api: Any, header: str) -> None:
    api.credentials(HTTP_AUTHORIZATION=header)
    response = api.get("/api/v1/register/")  # even a public endpoint refuses a bad token
    assert (response.status_code, response.json()["code"]) == (401, "authentication_failed")


def test_expired_tokens_and_inactive_users_are_refused(provider_user: Any) -> None:
    token, key = token_create(user=provider_user, name="short")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert _token_client(key).get("/api/v1/me/").status_code == 401
    _token, key = token_create(user=provider_user, name="long")
    provider_user.is_active = False
    provider_user.save()
    assert _token_client(key).get("/api/v1/me/").status_code == 401


def test_an_expiry_in_the_past_is_a_field_error(client_for: Any, provider_user: Any) -> None:
    response = client_for(provider_user).post(
        "/api/v1/auth/tokens/", {"name": "x", "expires_at": "2020-01-01T00:00:00+01:00"}
    )
    assert (response.status_code, list(response.json()["errors"])) == (400, ["expires_at"])


def test_the_browser_session_works_and_needs_csrf_for_writes(provider_user: Any) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(provider_user)
    assert client.get("/api/v1/me/").status_code == 200
    response = client.post("/api/v1/auth/tokens/", {"name": "x"})
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")


def test_the_api_token_command_prints_a_working_key(provider_user: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("api_token", "tulipan", "--name", "CI", stdout=out)
    assert _token_client(out.getvalue().strip()).get("/api/v1/me/").status_code == 200
