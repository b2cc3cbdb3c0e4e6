"""Throttles: writes per user (reads are not counted) and login attempts per client address.

Rates are in `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` (env `API_THROTTLE_*`). The counts
live in the `throttle` cache: Redis when REDIS_URL is set (shared by every web process), else
the process's memory. With Redis unreachable a throttle lets the request through (logged):
the throttles only smooth load; the login lockout (django-axes) keeps its counts in the
database.
"""

import logging
import sys
from typing import Any

from django.core.cache import BaseCache, caches
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

logger = logging.getLogger(__name__)


def _cache_unreachable_errors() -> tuple[type[Exception], ...]:
    """What an unreachable cache raises. The Redis client is not imported here: it would load
    into every web process (tests/core/test_import_footprint.py); a RedisError can only come
    from a Redis cache, which has imported the client by then."""
    redis_exceptions = sys.modules.get("redis.exceptions")
    return (OSError, redis_exceptions.RedisError) if redis_exceptions else (OSError,)


class SharedCacheThrottle(SimpleRateThrottle):
    """Counts in the `throttle` cache; lets requests through while it is unreachable."""

    @property
    def cache(self) -> BaseCache:  # type: ignore[override]  # DRF's class attribute, a property here
        return caches["throttle"]

    def allow_request(self, request: Request, view: Any) -> bool:
        try:
            return super().allow_request(request, view)
        except _cache_unreachable_errors() as error:
            logger.warning("Throttle %s not counted, cache unreachable: %s", self.scope, error)
            return True


class WriteThrottle(SharedCacheThrottle, UserRateThrottle):
    """Counts only unsafe methods (POST, PATCH, PUT, DELETE)."""

    scope = "write"

    def allow_request(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)


class LoginThrottle(SharedCacheThrottle):
    """Password attempts (token obtain) per client address, logged in or not."""

    scope = "login"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AnonThrottle(SharedCacheThrottle, AnonRateThrottle):
    """Requests without a login, per client address."""
