"""Reads about a user's sign-in: their confirmed TOTP device, how many backup codes they have
left, whether the session passed the second step."""

from typing import Any

from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

# At or below this many unused backup codes the pages warn the user to generate new ones.
BACKUP_CODES_LOW = 2


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


def backup_codes_left(*, user: Any) -> int:
    """How many unused backup codes the user has (0 before any were generated)."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
