"""Accounts: when an account was deactivated; two-factor set-up (a TOTP device for the user,
confirmed with a first code from the app)."""

from base64 import b32encode
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "authenticator app"


def user_deactivation_stamp(*, user: Any) -> None:
    """Keep `deactivated_at` in step with `is_active` before the account is saved: stamped
    when it is deactivated (kept while it stays inactive), cleared when it is active again.
    The retention job counts the period of a deactivated account from it."""
    if user.is_active:
        user.deactivated_at = None
    elif user.deactivated_at is None:
        user.deactivated_at = timezone.now()


@transaction.atomic
def totp_device_for_setup(*, user: Any) -> TOTPDevice:
    """The user's unconfirmed TOTP device (a new secret the first time); the set-up page shows
    it as a QR code until the user confirms it with a code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm the device when `token` is a current code from it; other unconfirmed devices of
    the user are dropped. Returns whether the code was right."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user_id=device.user_id, confirmed=False).delete()
    return True


def totp_qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG QR code (no image request, no inline style)."""
    # Imported here: qrcode loads Pillow (≈ 25 MB per process) and only this page needs it.
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2
    )
    return image.to_string(encoding="unicode")


def totp_secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing it into an app by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
