"""The follow-up of reservations in Czech: the regional officer finds the reservation whose
statement arrived on the list, reads it on the register entry's page and confirms the
remedy; the service is then included."""

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from backend.calls.models import Call
from backend.remedies.models import RemedyStatement
from tests.browser.pages import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST


def test_the_officer_confirms_a_remedy_in_czech(
    demo: Call, page: Page, screenshot: Callable[[Page, str], Path]
) -> None:
    entry = RemedyStatement.objects.get().entry
    name = entry.service.name
    log_in(page, "kraj", prefix="")
    page.goto("/reservations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sledované výhrady")
    page.get_by_label("Zobrazit").select_option("statement")
    page.get_by_role("button", name="Filtrovat").click()
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(name)
    screenshot(page, "remedy-1-list-statement-received")

    rows.get_by_role("link", name=name).click()
    expect(page.locator("#followup-title")).to_have_text("Sledování výhrady")
    expect(page.locator("main")).to_contain_text("pracovní smlouvy a rozpis služeb")
    expect(page.get_by_role("link", name="smlouvy.pdf")).to_be_visible()
    screenshot(page, "remedy-2-entry-with-statement")

    form = page.locator("form", has=page.get_by_role("heading", name="Potvrdit odstranění výhrady"))
    form.get_by_label("Číslo usnesení").fill("120/26/RK")
    form.get_by_label("Datum usnesení").fill("2026-05-12")
    form.get_by_role("button", name="Potvrdit odstranění výhrady").click()
    expect(page.locator("main")).to_contain_text("Odstranění výhrady bylo potvrzeno")
    expect(page.locator("dl.facts")).to_contain_text("120/26/RK")
    expect(page.locator("main")).to_contain_text("odstraněna")
    screenshot(page, "remedy-3-confirmed")
