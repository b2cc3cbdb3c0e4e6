"""The API throttles count in the shared cache: Redis when REDIS_URL is set, so a limit holds
over all web processes (it counted per process before); the process's memory without it; and
a Redis that does not answer lets requests through instead of failing them."""

import json
from typing import Any

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from tests.helpers import output_of_fresh_django

PRINT_THROTTLE_CACHES = (
    "import json; from django.conf import settings; "
    "from backend.api.throttling import AnonThrottle, LoginThrottle, WriteThrottle; "
    "print(json.dumps({'alias': settings.CACHES['throttle'], "
    "'classes': settings.REST_FRAMEWORK['DEFAULT_THROTTLE_CLASSES'], "
    "'backends': [type(t().cache).__name__ for t in (AnonThrottle, LoginThrottle, WriteThrottle)]}))"
)


def _throttles(**env: str) -> dict[str, Any]:
    return json.loads(output_of_fresh_django(PRINT_THROTTLE_CACHES, unset=("REDIS_URL",), **env))


def test_with_redis_configured_every_throttle_counts_in_redis() -> None:
    found = _throttles(REDIS_URL="redis://redis:6379/0")
    assert found["alias"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert found["alias"]["LOCATION"] == "redis://redis:6379/0"
    assert found["backends"] == ["RedisCache"] * 3
    assert found["classes"] == [
        "backend.api.throttling.WriteThrottle",
        "backend.api.throttling.AnonThrottle",
    ]


def test_without_redis_the_throttles_count_in_the_process() -> None:
    assert _throttles()["backends"] == ["LocMemCache"] * 3


UNREACHABLE_REDIS = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
}


@pytest.mark.django_db
def test_an_unreachable_redis_lets_requests_through(settings: Any) -> None:
    with override_settings(CACHES={**settings.CACHES, "throttle": UNREACHABLE_REDIS}):
        api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        answer = api.post("/api/v1/auth/token/", {"username": "x", "password": "y", "name": "z"})
    assert answer.status_code == 401
