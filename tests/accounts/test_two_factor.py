"""Optional TOTP for regional officers (django-otp): set-up with a QR code and a first code,
the login's second step, the admin asking for it, and the setting that makes it required."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from tests.accounts.conftest import PASSWORD, code_of, wrong_code

pytestmark = pytest.mark.django_db


def _templates(response: Any) -> set[str]:
    """The templates a page was rendered with: the page itself, not a redirect elsewhere."""
    assert response.status_code == 200
    return {template.name for template in response.templates}


def _password_step(client: Client, username: str, next_url: str = "") -> Any:
    data = {"username": username, "password": PASSWORD, "next": next_url}
    return client.post(reverse("login"), data)


def test_a_regional_officer_sets_up_the_app_with_the_qr_code(
    client: Client, regional_officer: Any
) -> None:
    client.force_login(regional_officer)
    page = client.get(reverse("otp_setup"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "otp-secret" in html
    assert "no-store" in page["Cache-Control"]  # the secret stays out of caches
    device = TOTPDevice.objects.get(user=regional_officer, confirmed=False)
    assert client.get(reverse("otp_setup")).status_code == 200
    assert TOTPDevice.objects.filter(user=regional_officer).count() == 1  # same secret again

    wrong = client.post(reverse("otp_setup"), {"token": wrong_code(device)})
    assert wrong.status_code == 200
    assert "The code is not right or has expired" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    device.throttle_reset()  # the wrong code above made the device wait a second
    done = client.post(reverse("otp_setup"), {"token": code_of(device)})
    assert done.status_code == 200  # the backup codes, shown in this answer only
    assert "registration/otp_backup_codes.html" in _templates(done)
    device.refresh_from_db()
    assert device.confirmed
    assert "Two-factor login is on" in client.get(reverse("otp_setup")).content.decode()


def test_only_regional_officers_set_up_the_app(client: Client, provider_user: Any) -> None:
    client.force_login(provider_user)
    assert client.get(reverse("otp_setup")).status_code == 403
    assert not TOTPDevice.objects.exists()


def test_without_a_device_the_password_is_enough(
    client: Client, regional_officer: Any, with_password: Any
) -> None:
    with_password(regional_officer)
    assert _password_step(client, "kraj")["Location"] == reverse("web:home")


def test_with_a_device_the_login_asks_for_the_code(
    client: Client, regional_officer: Any, with_password: Any, device_of: Any
) -> None:
    with_password(regional_officer)
    device = device_of(regional_officer)
    step = _password_step(client, "kraj", next_url=reverse("calls:list"))
    assert step["Location"].startswith(reverse("otp_verify"))
    assert "_auth_user_id" not in client.session  # not logged in after the password alone
    assert client.get(reverse("calls:list"))["Location"].startswith(reverse("login"))

    wrong = client.post(step["Location"], {"token": wrong_code(device)})
    assert wrong.status_code == 200
    assert "The code is not right or has expired" in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    with time_machine.travel(timezone.now() + dt.timedelta(seconds=2)):  # past the throttle
        done = client.post(
            step["Location"], {"token": code_of(device), "next": reverse("calls:list")}
        )
    assert done["Location"] == reverse("calls:list")
    assert client.get(reverse("calls:list")).status_code == 200
    assert client.session["otp_device_id"] == device.persistent_id


def test_the_code_step_without_a_password_goes_back_to_the_login(client: Client) -> None:
    assert client.get(reverse("otp_verify"))["Location"] == reverse("login")


def test_the_code_step_expires(
    client: Client, regional_officer: Any, with_password: Any, device_of: Any
) -> None:
    with_password(regional_officer)
    device = device_of(regional_officer)
    _password_step(client, "kraj")
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        late = client.post(reverse("otp_verify"), {"token": code_of(device)})
    assert late["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_wrong_codes_count_towards_the_lockout(
    client: Client, regional_officer: Any, with_password: Any, device_of: Any
) -> None:
    with_password(regional_officer)
    device = device_of(regional_officer)
    _password_step(client, "kraj")
    now = timezone.now()
    statuses = []
    for attempt in range(5):
        # Each try after django-otp's growing wait, so only the lockout stops the fifth one.
        with time_machine.travel(now + dt.timedelta(minutes=attempt)):
            answer = client.post(reverse("otp_verify"), {"token": wrong_code(device)})
            statuses.append(answer.status_code)
    assert statuses == [200, 200, 200, 200, 429]
    with time_machine.travel(now + dt.timedelta(minutes=5)):
        device.throttle_reset()
        blocked = client.post(reverse("otp_verify"), {"token": code_of(device)})
        assert "_auth_user_id" not in client.session
        # The lockout ended the half-way login: the right code now leads back to the
        # password, and the password itself is refused while the lockout lasts.
        assert blocked["Location"] == reverse("login")
        again = _password_step(client, "kraj")
        assert again.status_code == 429
        assert "_auth_user_id" not in client.session


def test_the_admin_asks_a_user_with_a_device_for_the_code(
    client: Client, regional_officer: Any, device_of: Any
) -> None:
    regional_officer.is_staff = regional_officer.is_superuser = True
    regional_officer.save()
    client.force_login(regional_officer)
    assert _templates(client.get(reverse("admin:index"))) >= {"admin/index.html"}
    device = device_of(regional_officer)
    refused = client.get(reverse("admin:index"))
    assert refused.status_code == 302
    login = client.get(refused["Location"])
    assert login["Location"].startswith(reverse("login"))  # the site's login, not the admin's

    verified = Client()
    verified.force_login(regional_officer)
    session = verified.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    assert _templates(verified.get(reverse("admin:index"))) >= {"admin/index.html"}


def test_a_password_alone_gets_no_api_token_for_a_user_with_a_device(
    regional_officer: Any, with_password: Any, device_of: Any
) -> None:
    with_password(regional_officer)
    device_of(regional_officer)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    answer = api.post("/api/v1/auth/token/", {"username": "kraj", "password": PASSWORD})
    assert answer.status_code == 401
    assert "two-factor" in answer.json()["detail"]


@pytest.fixture
def otp_required(settings: Any) -> None:
    settings.OTP_REQUIRED_FOR_REGIONAL_OFFICERS = True


@pytest.mark.usefixtures("otp_required")
def test_when_required_an_officer_without_a_device_sets_it_up_first(
    client: Client, regional_officer: Any
) -> None:
    client.force_login(regional_officer)
    assert client.get(reverse("web:home"))["Location"] == reverse("otp_setup")
    assert client.get(reverse("calls:list"))["Location"] == reverse("otp_setup")
    assert client.get(reverse("otp_setup")).status_code == 200
    # Logging out is not sent to the set-up: the officer can leave.
    assert client.post(reverse("logout"))["Location"] != reverse("otp_setup")
    assert "_auth_user_id" not in client.session


@pytest.mark.usefixtures("otp_required")
def test_when_required_other_roles_and_officers_with_a_device_go_on(
    client: Client, regional_officer: Any, provider_user: Any, device_of: Any
) -> None:
    client.force_login(provider_user)
    assert _templates(client.get(reverse("web:home"))) >= {"web/home.html"}
    device_of(regional_officer)
    officer = Client()
    officer.force_login(regional_officer)
    assert _templates(officer.get(reverse("web:home"))) >= {"web/home.html"}


def test_not_required_by_default(client: Client, regional_officer: Any) -> None:
    client.force_login(regional_officer)
    assert _templates(client.get(reverse("web:home"))) >= {"web/home.html"}
