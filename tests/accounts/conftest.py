"""Accounts: users with a known password (a fast hasher) and TOTP codes as an app shows them."""

from collections.abc import Callable
from typing import Any

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "zsss-demo-2017"


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def with_password() -> Callable[[Any], Any]:
    def set_it(user: Any) -> Any:
        user.set_password(PASSWORD)
        user.save()
        return user

    return set_it


def code_of(device: TOTPDevice) -> str:
    """The code the authenticator app shows now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wrong_code(device: TOTPDevice) -> str:
    return f"{(int(code_of(device)) + 1) % 1_000_000:06d}"


@pytest.fixture
def device_of() -> Callable[[Any], TOTPDevice]:
    """A confirmed TOTP device for the user."""

    def make(user: Any) -> TOTPDevice:
        return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)

    return make
