"""With OTP_REQUIRED_FOR_REGIONAL_OFFICERS on, a regional officer without a confirmed TOTP
device is sent to the set-up page before anything else (off by default: no query added)."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from backend.accounts.rules import is_regional_officer
from backend.accounts.selectors import totp_device_get_confirmed

# What such an officer may still reach: the set-up page itself, logging out, the language.
ALLOWED_VIEWS = {"otp_setup", "logout", "set_language"}


class OtpSetupRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if not settings.OTP_REQUIRED_FOR_REGIONAL_OFFICERS or not request.user.is_authenticated:
            return None
        if request.resolver_match and request.resolver_match.url_name in ALLOWED_VIEWS:
            return None
        if not is_regional_officer(request.user):
            return None
        if totp_device_get_confirmed(user=request.user) is not None:
            return None
        return redirect("otp_setup")
