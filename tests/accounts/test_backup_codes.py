"""Two-factor backup codes (django-otp's static device) and the self-service removal of a lost
phone: codes shown once at the set-up, the login with a backup code (once each), new codes
after re-authentication, the lost phone removed with the password and a backup code, and the
same django-axes lockout as the app's codes."""

import datetime as dt
import io
import json
import logging
import re
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from backend.accounts.services import backup_codes_generate
from tests.accounts.conftest import PASSWORD, code_of

pytestmark = pytest.mark.django_db

CODE = re.compile(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>")
WRONG = "aaaa-aaaa"  # the chance a random code is this one: 10 in 2**40


@pytest.fixture
def officer(regional_officer: Any, with_password: Any, device_of: Any) -> Any:
    """A regional officer with a password, the app set up and ten backup codes."""
    with_password(regional_officer)
    regional_officer.totp = device_of(regional_officer)
    regional_officer.codes = backup_codes_generate(user=regional_officer)
    return regional_officer


def _password_step(client: Client, username: str = "kraj") -> Any:
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def _log_in_with(client: Client, code: str) -> Any:
    _password_step(client)
    return client.post(reverse("otp_verify"), {"token": code})


def _stored(user: Any) -> set[str]:
    return set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def _later(minutes: int) -> Any:
    """Past django-otp's growing wait after a wrong code."""
    return time_machine.travel(timezone.now() + dt.timedelta(minutes=minutes))


# --- set-up: ten codes, shown once ------------------------------------------------------


def test_the_set_up_shows_ten_backup_codes_once(client: Client, regional_officer: Any) -> None:
    client.force_login(regional_officer)
    client.get(reverse("otp_setup"))
    device = TOTPDevice.objects.get(user=regional_officer, confirmed=False)
    done = client.post(reverse("otp_setup"), {"token": code_of(device)})
    assert done.status_code == 200
    assert "no-store" in done["Cache-Control"]
    html = done.content.decode()
    codes = CODE.findall(html)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "This page shows the codes only now" in html
    assert "Two-factor login is on" in html
    # Stored as django-otp stores them (a token each), and nowhere else.
    assert _stored(regional_officer) == {code.replace("-", "") for code in codes}
    assert StaticDevice.objects.get(user=regional_officer).confirmed
    session = str(dict(client.session))
    assert not any(code.replace("-", "") in session for code in codes)  # not in the session
    again = client.get(reverse("otp_setup")).content.decode()
    assert not any(code in again for code in codes)
    assert "You have 10 unused backup codes" in again


def test_an_officer_set_up_before_the_codes_existed_is_told_to_generate_them(
    client: Client, regional_officer: Any, device_of: Any
) -> None:
    device_of(regional_officer)
    client.force_login(regional_officer)
    page = client.get(reverse("otp_setup")).content.decode()
    assert "You have 0 unused backup codes" in page
    assert "Few backup codes are left" in page
    assert reverse("otp_backup_codes") in page and reverse("otp_device_lost") in page


# --- the login's second step ----------------------------------------------------------


def test_a_backup_code_logs_in_once(client: Client, officer: Any) -> None:
    code = officer.codes[0]
    done = _log_in_with(client, code.upper().replace("-", " "))  # as typed from paper
    assert done["Location"] == reverse("web:home")
    assert client.session["otp_device_id"] == StaticDevice.objects.get(user=officer).persistent_id
    home = client.get(reverse("web:home")).content.decode()
    assert "You used a backup code; 9 backup codes are left." in home
    assert len(_stored(officer)) == 9

    client.post(reverse("logout"))
    again = Client()
    refused = _log_in_with(again, code)
    assert refused.status_code == 200
    assert "The code is not right or has expired" in refused.content.decode()
    assert "_auth_user_id" not in again.session


def test_the_app_code_still_logs_in(client: Client, officer: Any) -> None:
    done = _log_in_with(client, code_of(officer.totp))
    assert done["Location"] == reverse("web:home")
    assert client.session["otp_device_id"] == officer.totp.persistent_id
    assert len(_stored(officer)) == 10


def test_two_or_fewer_codes_left_are_warned_about(client: Client, officer: Any) -> None:
    StaticToken.objects.filter(token__in=[c.replace("-", "") for c in officer.codes[3:]]).delete()
    _log_in_with(client, officer.codes[0])
    home = client.get(reverse("web:home")).content.decode()
    assert "2 backup codes are left. Generate new backup codes" in home
    page = client.get(reverse("otp_setup")).content.decode()
    assert "You have 2 unused backup codes" in page
    assert "Few backup codes are left" in page


def test_the_admin_lets_in_a_session_verified_with_a_backup_code(
    client: Client, officer: Any
) -> None:
    officer.is_staff = officer.is_superuser = True
    officer.save()
    _log_in_with(client, officer.codes[0])
    assert client.get(reverse("admin:index")).status_code == 200


def test_wrong_backup_codes_lock_out_like_wrong_app_codes(client: Client, officer: Any) -> None:
    _password_step(client)
    statuses = []
    for attempt in range(5):
        with _later(attempt):
            statuses.append(client.post(reverse("otp_verify"), {"token": WRONG}).status_code)
    assert statuses == [200, 200, 200, 200, 429]
    with _later(6):
        blocked = client.post(reverse("otp_verify"), {"token": officer.codes[0]})
        assert blocked["Location"] == reverse("login")
        assert _password_step(client).status_code == 429
    assert "_auth_user_id" not in client.session
    assert len(_stored(officer)) == 10  # no code used up by the lockout


# --- new codes --------------------------------------------------------------------------


def test_new_codes_need_the_password_and_a_code_and_replace_the_old_ones(
    client: Client, officer: Any
) -> None:
    client.force_login(officer)
    page = client.get(reverse("otp_backup_codes"))
    assert page.status_code == 200
    assert "You have 10 unused backup codes" in page.content.decode()

    wrong_password = client.post(
        reverse("otp_backup_codes"), {"password": "nope", "code": code_of(officer.totp)}
    )
    assert "The password or the code is not right" in wrong_password.content.decode()
    wrong_code = client.post(reverse("otp_backup_codes"), {"password": PASSWORD, "code": WRONG})
    assert "The password or the code is not right" in wrong_code.content.decode()
    assert len(_stored(officer)) == 10

    with _later(2):
        done = client.post(
            reverse("otp_backup_codes"), {"password": PASSWORD, "code": code_of(officer.totp)}
        )
    assert done.status_code == 200 and "no-store" in done["Cache-Control"]
    new = CODE.findall(done.content.decode())
    assert len(new) == 10 and not set(new) & set(officer.codes)
    assert _stored(officer) == {code.replace("-", "") for code in new}
    assert StaticDevice.objects.filter(user=officer).count() == 1

    old = _log_in_with(Client(), officer.codes[0])
    assert old.status_code == 200  # an old code no longer works
    with _later(4):
        assert _log_in_with(Client(), new[0])["Location"] == reverse("web:home")


def test_a_backup_code_also_confirms_new_codes(client: Client, officer: Any) -> None:
    client.force_login(officer)
    done = client.post(
        reverse("otp_backup_codes"), {"password": PASSWORD, "code": officer.codes[5]}
    )
    assert len(CODE.findall(done.content.decode())) == 10


def test_the_pages_need_a_signed_in_user_with_the_app(
    client: Client, regional_officer: Any
) -> None:
    for name in ("otp_backup_codes", "otp_device_lost"):
        assert client.get(reverse(name))["Location"].startswith(reverse("login"))
    client.force_login(regional_officer)
    for name in ("otp_backup_codes", "otp_device_lost"):
        assert client.get(reverse(name))["Location"] == reverse("otp_setup")
        assert client.post(reverse(name), {"password": PASSWORD, "code": WRONG})[
            "Location"
        ] == reverse("otp_setup")
    assert not StaticDevice.objects.exists()


# --- a lost phone -----------------------------------------------------------------------


def test_the_lost_phone_is_removed_with_the_password_and_a_backup_code(
    client: Client, officer: Any, caplog: Any
) -> None:
    _log_in_with(client, officer.codes[0])  # the phone is gone: in with a backup code
    page = client.get(reverse("otp_device_lost")).content.decode()
    assert "ask the administrator at the regional office" in page
    with caplog.at_level(logging.INFO, logger="backend.accounts.services"):
        done = client.post(
            reverse("otp_device_lost"), {"password": PASSWORD, "code": officer.codes[1]}
        )
    assert done["Location"] == reverse("otp_setup")
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    assert any(
        record.levelno == logging.WARNING and "removed their lost TOTP device" in record.message
        for record in caplog.records
    )
    setup = client.get(reverse("otp_setup")).content.decode()
    assert "The lost phone is removed" in setup
    assert "otp-secret" in setup  # the set-up of a new phone, right away
    client.post(reverse("logout"))
    assert _password_step(Client())["Location"] == reverse("web:home")  # password alone


@pytest.mark.parametrize(
    ("password", "code"),
    [(PASSWORD, WRONG), ("nope", "first backup code"), (PASSWORD, "app code"), (PASSWORD, "")],
)
def test_without_a_valid_backup_code_the_phone_stays(
    client: Client, officer: Any, password: str, code: str
) -> None:
    client.force_login(officer)
    code = {"first backup code": officer.codes[0], "app code": code_of(officer.totp)}.get(
        code, code
    )
    refused = client.post(reverse("otp_device_lost"), {"password": password, "code": code})
    assert refused.status_code == 200
    html = refused.content.decode()
    if code:
        assert "The password or the backup code is not right, so the phone stays" in html
        assert "ask the administrator at the regional office" in html
    assert TOTPDevice.objects.filter(user=officer, confirmed=True).exists()
    # A wrong password costs no backup code.
    assert len(_stored(officer)) == 10


def test_guessing_backup_codes_on_the_lost_phone_page_locks_out(
    client: Client, officer: Any
) -> None:
    client.force_login(officer)
    statuses = []
    for attempt in range(5):
        with _later(attempt):
            answer = client.post(reverse("otp_device_lost"), {"password": PASSWORD, "code": WRONG})
            statuses.append(answer.status_code)
    assert statuses == [200, 200, 200, 200, 429]
    assert "_auth_user_id" not in client.session  # the lockout ends the session
    with _later(6):
        assert _password_step(Client()).status_code == 429
    assert TOTPDevice.objects.filter(user=officer).exists()


def test_the_refusal_and_the_codes_page_are_czech_on_the_czech_page(
    client: Client, officer: Any
) -> None:
    client.force_login(officer)
    refused = client.post(
        "/accounts/two-factor/lost-phone/", {"password": PASSWORD, "code": WRONG}
    ).content.decode()
    assert "Heslo nebo záložní kód nejsou správné" in refused
    assert "administrátora" in refused
    with _later(2):
        done = client.post(
            "/accounts/two-factor/backup-codes/",
            {"password": PASSWORD, "code": code_of(officer.totp)},
        ).content.decode()
    assert "Záložní kódy" in done
    assert "Tato stránka zobrazuje kódy jen teď" in done


# --- personal data ----------------------------------------------------------------------


def test_the_personal_data_export_lists_the_backup_codes_device_without_codes(
    officer: Any,
) -> None:
    out = io.StringIO()
    call_command("personal_data", "export", "--user", officer.username, stdout=out)
    data = json.loads(out.getvalue())
    assert {"type": "StaticDevice", "name": "backup codes", "confirmed": True} in data[
        "second_factor_devices"
    ]
    assert not any(code.replace("-", "") in out.getvalue() for code in officer.codes)


def test_the_erasure_removes_the_backup_codes(officer: Any) -> None:
    call_command(
        "personal_data", "erase", "--user", officer.username, "--no-input", stdout=io.StringIO()
    )
    assert not StaticDevice.objects.filter(user=officer).exists()
    assert not StaticToken.objects.exists()


def test_new_codes_replace_every_static_device_of_the_user(officer: Any) -> None:
    """A second set made in the admin does not outlive new codes."""
    extra = StaticDevice.objects.create(user=officer, name="admin's", confirmed=True)
    extra.token_set.create(token="abcdefgh")
    new = backup_codes_generate(user=officer)
    assert StaticDevice.objects.filter(user=officer).count() == 1
    assert _stored(officer) == {code.replace("-", "") for code in new}


def test_a_backup_code_of_digits_only_is_still_a_backup_code(client: Client, officer: Any) -> None:
    StaticToken.objects.filter(device__user=officer).update(token="23456723")
    assert _log_in_with(client, "2345 6723")["Location"] == reverse("web:home")
