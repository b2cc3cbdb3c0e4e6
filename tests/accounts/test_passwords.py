"""Passwords: Django's validators with a 12-character minimum, the demo password still set
directly, and a password reset that answers the same whether the account exists or not."""

from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from backend.demo.organisations import DEMO_PASSWORD
from tests.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "password",
    [
        "Kr4tke-hesl",  # 11 characters: one short of the minimum
        "12345678901234",  # numbers only
        "password1234",  # a common password
        "tulipan12345",  # too like the username
    ],
)
def test_weak_passwords_are_refused(password: str, provider_user: Any) -> None:
    with pytest.raises(ValidationError):
        validate_password(password, provider_user)


def test_a_long_unusual_password_passes(provider_user: Any) -> None:
    validate_password("Lipa-u-Jestedu-2026", provider_user)


def test_the_demo_password_is_set_without_the_form_and_works(
    client: Client, provider_user: Any, with_password: Any
) -> None:
    assert DEMO_PASSWORD == PASSWORD
    with_password(provider_user)
    login = client.post(reverse("login"), {"username": "tulipan", "password": DEMO_PASSWORD})
    assert login["Location"] == reverse("web:home")


def test_the_reset_form_refuses_a_short_new_password(
    client: Client, provider_user: Any, with_password: Any
) -> None:
    with_password(provider_user)
    client.force_login(provider_user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Kratke-1", "new_password2": "Kratke-1"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()


def test_the_reset_answers_the_same_for_a_known_and_an_unknown_address(
    client: Client, provider_user: Any, mailoutbox: list[Any]
) -> None:
    known = client.post(reverse("password_reset"), {"email": provider_user.email})
    unknown = client.post(reverse("password_reset"), {"email": "nikdo@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [mail.to for mail in mailoutbox] == [[provider_user.email]]
    done = client.get(known["Location"]).content.decode()
    assert "If an account uses the address you entered" in done
