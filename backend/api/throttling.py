"""Throttles: writes per user (reads are not counted) and login attempts per client address.

Rates are in `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` (env `API_THROTTLE_*`). The counts
live in the `throttle` cache: Redis when REDIS_URL is set (shared by every web process), else
the process's memory. With Redis unreachable a throttle lets the request through (logged):
the throttles only smooth load; the login lockout (django-axes) keeps its counts in the
database.
"""

from typing import Any

from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from backend.core.throttling import AddressThrottle, SharedCacheThrottle


class WriteThrottle(SharedCacheThrottle, UserRateThrottle):
    """Counts only unsafe methods (POST, PATCH, PUT, DELETE)."""

    scope = "write"

    def allow_request(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)


class LoginThrottle(AddressThrottle):
    """Password attempts (token obtain) per client address, logged in or not."""

    scope = "login"


class AnonThrottle(SharedCacheThrottle, AnonRateThrottle):
    """Requests without a login, per client address."""
