"""Health endpoints: no login, JSON status, 200 when healthy and 503 when not."""

import datetime as dt
from typing import Any

import pytest
from django.db import OperationalError
from django.utils import timezone

from backend.operations import health
from notifications.models import SweepStatus
from tests.integration.processes import free_port


def _get(client: Any, path: str) -> tuple[int, dict[str, Any]]:
    response = client.get(path)
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    return response.status_code, response.json()


def test_web_is_alive_without_login_and_without_the_database(client: Any) -> None:
    # no django_db mark: a query would fail the test
    assert _get(client, "/health/") == (
        200,
        {"component": "web", "status": "ok", "detail": "web answers"},
    )


@pytest.mark.django_db
def test_database_answers(client: Any) -> None:
    assert _get(client, "/health/db/") == (
        200,
        {"component": "database", "status": "ok", "detail": "database answers"},
    )


@pytest.mark.django_db
def test_database_unavailable_is_503_without_details(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OperationalError("connection to server at 10.0.0.5 failed: password=secret")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)
    status, body = _get(client, "/health/db/")
    assert (status, body["status"], body["detail"]) == (503, "unavailable", "database unavailable")
    assert "secret" not in str(body)


def test_redis_not_configured_in_the_embedded_default(client: Any, settings: Any) -> None:
    settings.REDIS_URL = ""
    assert _get(client, "/health/redis/") == (
        200,
        {"component": "redis", "status": "not configured", "detail": "not configured"},
    )


def test_redis_down_is_503(client: Any, settings: Any) -> None:
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    settings.HEALTH_CHECK_TIMEOUT_SECONDS = 1
    status, body = _get(client, "/health/redis/")
    assert (status, body["status"]) == (503, "unavailable")


@pytest.mark.redis
def test_redis_answers(client: Any, settings: Any) -> None:
    import os

    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs a Redis server (REDIS_URL)")
    settings.REDIS_URL = os.environ["REDIS_URL"]
    assert _get(client, "/health/redis/") == (
        200,
        {"component": "redis", "status": "ok", "detail": "redis answers"},
    )


def _ran(name: str, *, ago: dt.timedelta, ok: bool = True) -> None:
    finished = timezone.now() - ago
    SweepStatus.objects.update_or_create(
        name=name,
        defaults={"last_started_at": finished, "last_finished_at": finished, "last_ok": ok},
    )


@pytest.mark.django_db
def test_celery_is_healthy_while_the_minute_jobs_run(client: Any) -> None:
    assert _get(client, "/health/celery/")[0] == 503  # never ran
    _ran("calls", ago=dt.timedelta(seconds=30))
    assert _get(client, "/health/celery/")[0] == 503  # the outbox has not run
    _ran("outbox", ago=dt.timedelta(seconds=30))
    assert _get(client, "/health/celery/") == (
        200,
        {"component": "celery", "status": "ok", "detail": "scheduled jobs ran lately"},
    )


@pytest.mark.django_db
def test_celery_stale_or_failing_jobs_are_503(client: Any, settings: Any) -> None:
    settings.HEALTH_CELERY_MAX_AGE_SECONDS = 300
    _ran("calls", ago=dt.timedelta(seconds=30))
    _ran("outbox", ago=dt.timedelta(seconds=301))
    status, body = _get(client, "/health/celery/")
    assert (status, body["detail"]) == (503, "scheduled jobs have not run lately")
    _ran("outbox", ago=dt.timedelta(seconds=10), ok=False)
    assert _get(client, "/health/celery/")[0] == 503


@pytest.mark.django_db
def test_celery_check_counts_only_the_minute_jobs() -> None:
    _ran("deadlines", ago=dt.timedelta(seconds=1))
    _ran("digest", ago=dt.timedelta(seconds=1))
    assert not health.celery_check().ok


def test_health_answers_only_reads(client: Any) -> None:
    assert client.post("/health/").status_code == 405


def test_health_is_not_in_the_api_schema(settings: Any) -> None:
    from pathlib import Path

    schema = (Path(settings.BASE_DIR) / "docs" / "openapi.yaml").read_text()
    assert "/health/" not in schema
    assert "/api/v1/plans/" in schema


def test_health_is_not_redirected_to_https(client: Any, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health/").status_code == 200
    assert client.get("/en/no-such-page/").status_code == 301  # the rest is
