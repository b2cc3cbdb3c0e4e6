"""In Czech: the public page of the demo's current call (deadlines and its document, no
login), the announced future call in the list, and tulipan's "Odběr výzev"."""

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from backend.announcements.models import CallSubscription
from backend.calls.models import Call
from tests.browser.pages import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST


def test_the_public_call_page_and_the_subscriptions_in_czech(
    demo: Call, page: Page, screenshot: Callable[[Page, str], Path]
) -> None:
    page.goto("/calls/announced/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vyhlášené výzvy")
    expect(page.locator("main table")).to_contain_text("chráněné bydlení a sociální rehabilitace")
    page.get_by_role("link", name=demo.name).click()
    expect(page.locator("#call-deadlines")).to_contain_text("Lhůta pro vyjádření obce")
    expect(page.locator("#call-documents")).to_contain_text("Text výzvy a pravidla hodnocení")
    screenshot(page, "announce-1-public-call-page")

    log_in(page, "tulipan", prefix="")
    page.goto("/calls/subscriptions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Odběr výzev")
    expect(page.get_by_label("§ 51 Chráněné bydlení")).to_be_checked()
    expect(page.get_by_label("§ 49 Domovy pro seniory")).not_to_be_checked()
    # A single checkbox is drawn (the design system's own box needs markup Django's has not).
    every = page.get_by_label("Informovat mě o výzvách pro všechny druhy služeb")
    expect(every).to_be_visible()
    box = every.bounding_box()
    assert box is not None and box["width"] >= 16 and box["height"] >= 16
    page.get_by_label("§ 49 Domovy pro seniory").check()
    screenshot(page, "announce-2-subscriptions")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("Odběr výzev byl uložen.")
    chosen = CallSubscription.objects.get(user__username="tulipan").service_types
    assert sorted(chosen.values_list("paragraph", flat=True)) == ["49", "51", "70"]
