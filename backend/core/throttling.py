"""Request throttles counted in the shared `throttle` cache, for the API and the pages alike
(`backend/api/throttling.py` holds the API's own; rates in REST_FRAMEWORK's
DEFAULT_THROTTLE_RATES). A throttle only smooths load: with the cache unreachable it lets the
request through and logs it."""

import logging
import sys
from typing import Any

from django.core.cache import BaseCache, caches
from django.http import HttpRequest
from rest_framework.throttling import SimpleRateThrottle

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

    def allow_request(self, request: Any, view: Any) -> bool:
        try:
            return super().allow_request(request, view)
        except _cache_unreachable_errors() as error:
            logger.warning("Throttle %s not counted, cache unreachable: %s", self.scope, error)
            return True


class AddressThrottle(SharedCacheThrottle):
    """Counts per client address, logged in or not."""

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class VerifyThrottle(AddressThrottle):
    """Uploads to "verify a document" (the page and the API): each runs a signature
    validation, and the page is public."""

    scope = "verify"


def page_throttled(request: HttpRequest, throttle: SharedCacheThrottle) -> bool:
    """For a page (not a DRF view): whether this request is over the throttle's rate."""
    return not throttle.allow_request(request, None)
