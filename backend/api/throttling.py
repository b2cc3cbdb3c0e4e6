"""Throttles: writes per user (reads are not counted) and login attempts per client address.

Rates are in `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` (env `API_THROTTLE_*`).
"""

from typing import Any

from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle


class WriteThrottle(UserRateThrottle):
    """Counts only unsafe methods (POST, PATCH, PUT, DELETE)."""

    scope = "write"

    def allow_request(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)


class LoginThrottle(SimpleRateThrottle):
    """Password attempts (token obtain) per client address, logged in or not."""

    scope = "login"

    def get_cache_key(self, request: Request, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
