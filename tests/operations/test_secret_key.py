"""Production refuses to start on a missing or the public development secret key."""

import pytest

from tests.helpers import run_fresh_django

PRINT_KEY = "from django.conf import settings; print(settings.SECRET_KEY)"
DEVELOPMENT_KEY = "insecure-embedded-default-key-change-me-in-production-0123456789"
REAL_KEY = "k" * 30 + "-a-secret-of-this-deployment-0123456789"
DEPLOYMENT = ("SECRET_KEY", "DJANGO_ENV", "REQUIRE_SECRET_KEY", "DEBUG")


@pytest.mark.parametrize(
    "env",
    [
        {"DJANGO_ENV": "production"},
        {"DJANGO_ENV": "production", "DEBUG": "1"},
        {"DJANGO_ENV": " Production "},
        {"DJANGO_ENV": "production", "SECRET_KEY": DEVELOPMENT_KEY},
        {"DJANGO_ENV": "production", "SECRET_KEY": "   "},
        {"REQUIRE_SECRET_KEY": "1", "DEBUG": "1"},
        {"REQUIRE_SECRET_KEY": "1", "SECRET_KEY": DEVELOPMENT_KEY},
    ],
    ids=[
        "production",
        "production-debug",
        "production-spelled-loosely",
        "production-development-key",
        "production-blank-key",
        "required-debug",
        "required-development-key",
    ],
)
def test_production_refuses_to_start_without_a_secret_key(env: dict[str, str]) -> None:
    run = run_fresh_django(PRINT_KEY, unset=DEPLOYMENT, **env)
    assert run.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set" in run.stderr


def test_production_runs_on_its_own_key() -> None:
    run = run_fresh_django(
        PRINT_KEY, unset=DEPLOYMENT, DJANGO_ENV="production", SECRET_KEY=REAL_KEY
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == REAL_KEY


def test_development_runs_on_the_development_key() -> None:
    run = run_fresh_django(PRINT_KEY, unset=DEPLOYMENT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == DEVELOPMENT_KEY
