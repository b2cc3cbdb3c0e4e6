"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test here is marked `browser` and uses a transactional database (the live server runs
in another thread), restored to the reference data of the migrations after each test
(`serialized_rollback`). `scripts/test.sh` deselects the marker when /usr/bin/chromium is
missing; run them alone with `.venv/bin/pytest -m browser`.

Screenshots of the pages the tests pass through are saved to `$SCREENSHOT_DIR` (default
`var/screenshots/`, ignored by git).
"""

import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.utils import translation
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from backend.calls.models import Call
from backend.machines.call_lifecycle.states import CallState

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 800}
TIMEOUT_MS = 10_000


@pytest.fixture(scope="package")
def playwright(django_db_setup: None) -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    # The sync API keeps an event loop running in this thread (on a greenlet). Package
    # scope, not session: the tests collected after this package must not run inside it
    # (asyncio.run() refuses to, and Python 3.11's ast.parse miscounts recursion there).
    # Django's async-safety check
    # has to be told that the tests' ORM calls are still synchronous, and Django (through
    # asgiref) now hands this thread other connection objects than before: they must get
    # the serialized reference data that `serialized_rollback` restores after each flush.
    serialized = _serialized_contents()
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as running:
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        yield running
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _serialized_contents() -> dict[str, str]:
    return {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """One Chromium for the browser tests (never a downloaded browser)."""
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def new_page(browser: Browser, live_server: Any) -> Iterator[Callable[[], Page]]:
    """Opens a page in a fresh browser context (own cookies: one per person)."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            viewport=VIEWPORT,
            locale="cs-CZ",
            timezone_id="Europe/Prague",
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[[], Page]) -> Page:
    return new_page()


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """The demo's nine users and every log-in hash a password: a fast hasher saves seconds
    (the hashing is not what these tests are about)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(live_server: Any) -> Call:
    """The README's demo in the test database; returns its current (open) call.

    Loaded in Czech, as `start.sh` loads it (the register keeps the texts it is given)."""
    with translation.override(settings.LANGUAGE_CODE):
        call_command("load_demo", stdout=io.StringIO())
    return Call.objects.get(state=CallState.OPEN)


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    directory = Path(os.environ.get("SCREENSHOT_DIR") or settings.BASE_DIR / "var/screenshots")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture
def screenshot(screenshot_dir: Path) -> Callable[[Page, str], Path]:
    """Saves a full-page screenshot as `<name>.png` (test artefacts, not assertions)."""

    def take(page: Page, name: str) -> Path:
        path = screenshot_dir / f"{name}.png"
        page.screenshot(path=path, full_page=True, animations="disabled")
        return path

    return take
