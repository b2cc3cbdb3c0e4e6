"""On a phone (390 px wide) no page is wider than the screen: a wide table scrolls sideways
in its own box, which keyboard users can focus and scroll (WCAG 2.1.1, 1.4.10)."""

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from backend.calls.models import Call
from backend.plans.models import DevelopmentPlan
from tests.browser.pages import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST

PHONE = {"width": 390, "height": 844}


def _page_width(page: Page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def _too_wide(page: Page) -> list[str]:
    """The elements reaching past the right edge of the screen (for the failure message)."""
    return page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
            .filter(el => !el.parentElement.closest(".table-scroll, .state-diagram"))
            .map(el => el.tagName + "." + el.className + " " + el.getBoundingClientRect().right)
            .slice(0, 15)"""
    )


def test_pages_with_tables_fit_a_phone_and_the_tables_scroll(
    demo: Call, page: Page, screenshot: Callable[[Page, str], Path]
) -> None:
    plan = DevelopmentPlan.objects.filter(call=demo).order_by("pk").first()
    page.set_viewport_size(PHONE)
    log_in(page, "kraj", prefix="")
    for name, url in (
        ("register", "/register/"),
        ("plan-list", "/plans/"),
        ("call", f"/calls/{demo.pk}/"),
        ("plan", f"/plans/{plan.pk}/"),
    ):
        page.goto(url)
        screenshot(page, f"phone-{name}")
        assert _page_width(page) <= PHONE["width"], (name, _too_wide(page))
        regions = page.locator("main .table-scroll")
        expect(regions.first).to_be_visible()
        for k in range(regions.count()):
            region = regions.nth(k)
            assert region.get_attribute("role") == "region"
            assert region.get_attribute("tabindex") == "0"
            assert region.get_attribute("aria-label"), name
            assert region.locator("table.data").count() == 1

    page.goto("/register/")
    region = page.locator("main .table-scroll").first
    overflow = region.evaluate("el => el.scrollWidth - el.clientWidth")
    assert overflow > 0  # the register's table is wider than a phone: its box scrolls
    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    expect(region).not_to_have_js_property("scrollLeft", 0)
