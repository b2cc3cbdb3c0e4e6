"""Helpers of the browser tests: the marks every module uses, logging in, keyboard focus."""

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from backend.demo.organisations import DEMO_PASSWORD

# `pytestmark = BROWSER_TEST` in every module: the live server needs a transactional
# database, restored to the migrations' reference data after each test.
BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # WhiteNoise looks for collected static files the live server does not need.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def log_in(page: Page, username: str, *, prefix: str = "/en") -> None:
    """Log in through the login form (fields found by id, so in either language)."""
    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def focused(page: Page) -> dict[str, Any]:
    """What has the keyboard focus: tag, id, text, whether it lies in <main> and whether
    its focus outline is visible."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                id: el.id,
                role: el.getAttribute("role") || "",
                text: (el.innerText || el.value || "").trim(),
                inMain: el.closest("main") !== null,
                outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
            };
        }"""
    )


def tab_to(page: Page, text: str, *, limit: int = 60) -> dict[str, Any]:
    """Press Tab until the focused element's text contains `text`; each element reached
    must show a visible focus outline."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        assert element["outline"], f"no visible focus on {element}"
        # A table's scroll box is focusable and holds the text of its rows: go on to the
        # link or button itself.
        if text in element["text"] and element["role"] != "region":
            return element
    raise AssertionError(f"“{text}” is not reachable with {limit} presses of Tab")


def tab_order(page: Page, presses: int) -> list[dict[str, Any]]:
    """Press Tab `presses` times from where the focus is: each element reached shows a
    visible focus and comes after the previous one in the document (the focus order is the
    reading order: no positive tabindex, no layout that reorders what the keyboard visits)."""
    reached = []
    for _ in range(presses):
        page.evaluate("() => { window.previousFocus = document.activeElement; }")
        page.keyboard.press("Tab")
        element = focused(page)
        assert element["outline"], f"no visible focus on {element}"
        assert page.evaluate(
            """() => Boolean(window.previousFocus.compareDocumentPosition(document.activeElement)
                             & Node.DOCUMENT_POSITION_FOLLOWING)"""
        ), f"the focus went back to {element}"
        reached.append(element)
    return reached
