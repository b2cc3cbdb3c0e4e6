"""Fixtures: the people of the domain, one per role, and an open call.

Tests run in English (the site's default is Czech); `tests/test_czech.py` checks the Czech
rendering.

The reference data (region CZ051, its ten ORPs with their seat towns, service types) comes
from the registry's data migration, so it exists in the test database.
"""

import shutil
import tempfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.utils import translation

from backend.accounts.models import Role, User
from backend.calls.models import Call
from backend.registry.models import Municipality, Orp, Provider, Region, SocialService
from tests import factories


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # WhiteNoise warns on every request when collectstatic has not run in this checkout.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    # The run's own throwaway test CA and seal certificate, made at the first sealed document.
    settings.SEAL_DIR = Path(tempfile.mkdtemp(prefix="zsss-seal-"))
    config.add_cleanup(partial(shutil.rmtree, settings.SEAL_DIR, ignore_errors=True))
    config.addinivalue_line(
        "markers",
        "redis: needs a real Redis server and Celery worker processes (runs only with REDIS_URL)",
    )


@pytest.fixture(autouse=True)
def _celery_eager() -> Iterator[None]:
    """Tasks run in the test's process when enqueued (the `redis` tests use real workers)."""
    from backend.config.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Assertions on reasons read English; tests of the Czech rendering override this."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _throttles_in_memory(settings: Any) -> None:
    """With REDIS_URL set (CI's PostgreSQL leg) the throttles would count in the real Redis
    across tests; `tests/api/test_throttling_cache.py` checks the deployed configuration.
    Each test starts with no counts: the requests of earlier tests (all from 127.0.0.1)
    would otherwise use up a low rate such as the verify page's."""
    settings.CACHES = {
        **settings.CACHES,
        "throttle": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "throttle",
        },
    }
    caches["throttle"].clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    """Uploaded files go to a throw-away directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def region(db: None) -> Region:
    return factories.region_liberec()


@pytest.fixture
def liberec_orp(db: None) -> Orp:
    return factories.orp("5105")


@pytest.fixture
def tanvald_orp(db: None) -> Orp:
    return factories.orp("5108")


@pytest.fixture
def liberec(liberec_orp: Orp) -> Municipality:
    """The City of Liberec, seat of ORP 5105: it gives opinions for plans touching it."""
    assert liberec_orp.seat.name == "Liberec"
    return liberec_orp.seat


@pytest.fixture
def tanvald(tanvald_orp: Orp) -> Municipality:
    return tanvald_orp.seat


@pytest.fixture
def provider(db: None) -> Provider:
    return factories.ProviderFactory(name="Sdružení TULIPAN, z. s.", ico="26672472")


@pytest.fixture
def other_provider(db: None) -> Provider:
    return factories.ProviderFactory(name="Romodrom o. p. s.", ico="26537036")


@pytest.fixture
def service(provider: Provider) -> SocialService:
    """The provider's sheltered housing (§ 51, residential, beds) in ORP Liberec."""
    return factories.SocialServiceFactory(provider=provider, name="Chráněné bydlení TULIPAN")


@pytest.fixture
def provider_user(provider: Provider) -> User:
    return factories.user_with_role(Role.PROVIDER_USER, provider, username="tulipan")


@pytest.fixture
def other_provider_user(other_provider: Provider) -> User:
    return factories.user_with_role(Role.PROVIDER_USER, other_provider, username="romodrom")


@pytest.fixture
def municipal_officer(liberec: Municipality) -> User:
    return factories.user_with_role(Role.MUNICIPAL_OFFICER, liberec, username="liberec")


@pytest.fixture
def council_secretary(liberec: Municipality) -> User:
    return factories.user_with_role(Role.COUNCIL_SECRETARY, liberec, username="liberec.rada")


@pytest.fixture
def tanvald_officer(tanvald: Municipality) -> User:
    return factories.user_with_role(Role.MUNICIPAL_OFFICER, tanvald, username="tanvald")


@pytest.fixture
def tanvald_secretary(tanvald: Municipality) -> User:
    return factories.user_with_role(Role.COUNCIL_SECRETARY, tanvald, username="tanvald.rada")


@pytest.fixture
def regional_officer(region: Region) -> User:
    return factories.user_with_role(Role.REGIONAL_OFFICER, region, username="kraj")


@pytest.fixture
def stranger(db: None) -> User:
    """Logged in, but a member of no organisation."""
    return factories.UserFactory(username="stranger")


@pytest.fixture
def anonymous() -> AnonymousUser:
    return AnonymousUser()


@pytest.fixture
def open_call(db: None) -> Call:
    """An open call: opened yesterday, closes in two weeks (opinions 10 working days later)."""
    return factories.CallFactory(open=True, name="Výzva 2026 k předkládání rozvojových záměrů")


@pytest.fixture
def actor(request: pytest.FixtureRequest) -> Any:
    """The user of the role named by indirect parametrisation (a fixture name above)."""
    return request.getfixturevalue(request.param)
