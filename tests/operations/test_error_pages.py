"""With DEBUG off (the default) errors show a page in the site's look with the request id,
never a stack trace; the API answers in its JSON error body."""

from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.helpers import output_of_fresh_django

pytestmark = [pytest.mark.urls("tests.operations.urls"), pytest.mark.django_db]

TRACE_MARKERS = ("Traceback", "RuntimeError", "hunter2", "secret detail", 'File "')


@pytest.fixture
def browser(settings: Any) -> Client:
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def _page(response: Any) -> str:
    text = response.content.decode()
    for marker in TRACE_MARKERS:
        assert marker not in text
    assert response["X-Request-ID"] in text  # the user can quote it
    return text


def test_debug_is_off_by_default() -> None:
    code = "from django.conf import settings; print(settings.DEBUG)"
    assert output_of_fresh_django(code, unset=("DEBUG",)) == "False"


def test_500_page_in_czech_without_a_trace(browser: Client) -> None:
    response = browser.get("/crash/")
    assert response.status_code == 500
    text = _page(response)
    assert 'lang="cs"' in text
    assert "Chyba serveru" in text
    assert "vendor/gov/css/components.css" in text


def test_500_page_in_english(browser: Client) -> None:
    response = browser.get("/en/crash/")
    assert response.status_code == 500
    assert "Server error" in _page(response)


def test_404_page(browser: Client) -> None:
    response = browser.get("/en/no-such-page/")
    assert response.status_code == 404
    text = _page(response)
    assert "Page not found" in text and "quote the request id" in text


def test_404_page_in_czech(browser: Client) -> None:
    response = browser.get("/no-such-page/")
    assert response.status_code == 404
    assert "Stránka nenalezena" in _page(response)


def test_403_page(browser: Client) -> None:
    response = browser.get("/forbidden/")
    assert response.status_code == 403
    assert "Přístup odepřen" in _page(response)


def test_400_page(browser: Client) -> None:
    response = browser.get("/en/suspicious/")
    assert response.status_code == 400
    text = _page(response)
    assert "Bad request" in text
    assert "tampered" not in text


def test_api_500_is_json_without_a_trace(browser: Client, caplog: Any) -> None:
    response = browser.get("/api/v1/crash/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == "server_error" and body["errors"] == {}
    assert response["X-Request-ID"] in body["detail"]
    for marker in TRACE_MARKERS:
        assert marker not in response.content.decode()
    # The trace goes to the log, for the operators.
    (record,) = [r for r in caplog.records if r.name == "django.request" and r.exc_info]
    assert "secret detail" in str(record.exc_info[1])


def test_api_errors_stay_in_the_api_shape(browser: Client) -> None:
    response = browser.get("/api/v1/plans/999999/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code in (401, 403)
    assert set(response.json()) == {"code", "detail", "errors"}


def test_403_is_logged_as_one_line_without_a_traceback(browser: Client, caplog: Any) -> None:
    caplog.set_level("WARNING", logger="django.request")
    assert browser.get("/forbidden/").status_code == 403
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelname == "WARNING"
    assert record.exc_info is None and record.exc_text is None
    assert "\n" not in record.getMessage()
    assert "Traceback" not in caplog.text


def test_500_keeps_its_traceback_in_the_log(browser: Client, caplog: Any) -> None:
    assert browser.get("/crash/").status_code == 500
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info is not None


def test_favicon_is_served(browser: Client) -> None:
    response = browser.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/web/favicon.svg"
    icon = finders.find("web/favicon.svg")
    assert icon and "<svg" in Path(icon).read_text()
    assert 'rel="icon"' in browser.get("/no-such-page/").content.decode()
