"""The language button in the header switches the whole page between Czech (the default,
no URL prefix) and English (/en/), stays on the same page and keeps the choice while the
user moves on."""

import re
from collections.abc import Callable
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from backend.calls.models import Call
from tests.browser.pages import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST

ENGLISH_TEXTS = ("Development plans", "My tasks", "returned for completion")


def _czech(text: str) -> str:
    with translation.override("cs"):
        return gettext(text)


def _shows(page: Page, language: str, texts: tuple[str, ...]) -> None:
    expect(page.locator("html")).to_have_attribute("lang", language)
    nav = page.get_by_role("navigation")
    expect(nav.get_by_role("link", name=texts[0], exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name=texts[1], exact=True)).to_be_visible()
    expect(page.locator("main table .state").filter(has_text=texts[2]).first).to_be_visible()


def test_the_language_button_translates_the_page(
    demo: Call, page: Page, screenshot: Callable[[Page, str], Path]
) -> None:
    czech_texts = tuple(_czech(text) for text in ENGLISH_TEXTS)
    assert czech_texts[0] == "Rozvojové záměry"  # the catalogue has the translations
    assert all(cs != en for cs, en in zip(czech_texts, ENGLISH_TEXTS, strict=True))
    log_in(page, "tulipan", prefix="")
    page.goto("/plans/")
    _shows(page, "cs", czech_texts)
    screenshot(page, "language-1-czech")

    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/plans/$"))
    _shows(page, "en", ENGLISH_TEXTS)
    expect(page.locator("main")).not_to_contain_text(czech_texts[0])
    screenshot(page, "language-2-english")
    page.get_by_role("link", name="My tasks", exact=True).click()  # links stay English
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What waits for me")

    page.get_by_role("button", name="Česky").click()
    expect(page).to_have_url(re.compile(r"//[^/]+/$"))
    expect(page.locator("html")).to_have_attribute("lang", "cs")
    expect(page.get_by_role("heading", level=1)).to_have_text(_czech("What waits for me"))
