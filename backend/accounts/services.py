"""Accounts: when an account was deactivated; two-factor login: the TOTP device (set up with
a first code from the app), the single-use backup codes (django-otp's static device) and the
removal of a lost phone.

Every change of a user's second factor is logged (logger `backend.accounts.services`; the
request id is added to each line by the logging configuration)."""

import logging
from base64 import b32encode
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger(__name__)

DEVICE_NAME = "authenticator app"
BACKUP_DEVICE_NAME = "backup codes"
BACKUP_CODE_COUNT = 10


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
    logger.info("Two-factor: user %s confirmed a TOTP device", device.user_id)
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


def backup_code_normalise(token: str) -> str:
    """A backup code as stored: without the spaces and dashes it is shown with, lower case."""
    return "".join(token.split()).replace("-", "").lower()


def backup_code_display(token: str) -> str:
    """A stored backup code as shown: two groups of four characters."""
    return f"{token[:4]}-{token[4:]}"


@transaction.atomic
def backup_codes_generate(*, user: Any) -> list[str]:
    """Give `user` BACKUP_CODE_COUNT new single-use backup codes and invalidate the old ones.

    The codes are returned for showing once; django-otp's static device keeps them to check
    (one `StaticToken` per code, deleted when used). The device itself stays, so a session
    verified with a backup code stays verified."""
    devices = list(StaticDevice.objects.select_for_update().filter(user=user).order_by("pk"))
    device = devices[0] if devices else StaticDevice(user=user, name=BACKUP_DEVICE_NAME)
    # One set of codes per user: another static device (made in the admin) goes, codes and all.
    StaticDevice.objects.filter(pk__in=[other.pk for other in devices[1:]]).delete()
    if device.pk is None:
        device.save()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    device.throttle_reset(commit=False)
    device.confirmed = True
    device.save()
    logger.info("Two-factor: user %s generated %d new backup codes", user.pk, len(codes))
    return [backup_code_display(code) for code in codes]


@transaction.atomic
def backup_code_use(*, user: Any, token: str) -> StaticDevice | None:
    """Use up one of `user`'s backup codes: the device when `token` is an unused code (it can
    never be used again), else None (a wrong code makes django-otp's throttle wait longer).

    The device's row is locked, so two requests with the same code cannot both pass."""
    device = (
        StaticDevice.objects.select_for_update()
        .filter(user=user, confirmed=True)
        .order_by("pk")
        .first()
    )
    if device is None or not device.verify_token(backup_code_normalise(token)):
        return None
    logger.info(
        "Two-factor: user %s used a backup code, %d left", user.pk, device.token_set.count()
    )
    return device


def second_factor_verify(*, user: Any, token: str) -> Device | None:
    """The device `token` is valid for: the user's TOTP device for as many digits as the app
    shows (its current code), else their backup codes (eight characters; the code is used
    up). None if it is neither."""
    token = "".join(token.split())
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is not None and token.isdigit() and len(token) == device.digits:
        return device if device.verify_token(token) else None
    return backup_code_use(user=user, token=token)


@transaction.atomic
def totp_device_remove_lost(*, user: Any) -> int:
    """Remove `user`'s TOTP devices (a lost phone) and their backup codes, which belong to it;
    the login asks for the password alone until a new app is set up. The caller has
    re-authenticated the user (password and a backup code). Returns the devices removed."""
    removed, _by_model = TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    logger.warning(
        "Two-factor: user %s removed their lost TOTP device (%d) after re-authentication",
        user.pk,
        removed,
    )
    return removed
