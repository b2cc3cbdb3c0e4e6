"""Reads about a user's sign-in: their confirmed TOTP device, whether the session passed it."""

from typing import Any

from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_device_get_confirmed(*, user: Any) -> TOTPDevice | None:
    """The user's confirmed TOTP device, if they set one up."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def otp_is_satisfied(request: HttpRequest) -> bool:
    """True unless the user has a confirmed device and this session has not verified it."""
    user = request.user
    if not user.is_authenticated:
        return False
    if getattr(user, "is_verified", lambda: False)():
        return True
    return totp_device_get_confirmed(user=user) is None
