"""The SLA overview in Czech on the demo: the chart's bars carry the numbers of the table
below it, and each table downloads as CSV."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect

from tests.browser.pages import BROWSER_TEST, log_in
from tests.browser.test_axe import Audit

pytestmark = BROWSER_TEST


def test_the_sla_overview_in_czech(
    page: Page, demo: Any, screenshot: Callable[[Page, str], Path]
) -> None:
    log_in(page, "kraj", prefix="")
    page.goto("/")
    page.get_by_role("navigation", name="Hlavní navigace").get_by_role(
        "link", name="Přehled lhůt"
    ).click()
    expect(page.get_by_role("heading", name="Přehled lhůt", level=1)).to_be_visible()
    chart = page.get_by_role("img", name="Otevřené záměry podle fáze")
    expect(chart).to_be_visible()
    titles = chart.locator("rect title").all_text_contents()
    totals = page.locator("#stages-table tbody tr.total")
    expect(totals).to_have_count(4)
    for index in range(4):
        stage, _owner, opened, overdue = totals.nth(index).locator("th, td").all_text_contents()
        assert f"{stage.lower()}: {opened}" in [t.lower() for t in titles]
        assert f"{stage.lower()}: {overdue}" in [t.lower() for t in titles]
    assert sum(int(totals.nth(i).locator("td").nth(1).inner_text()) for i in range(4)) > 0
    expect(page.locator("#durations-table")).to_be_visible()
    screenshot(page, "sla-overview")
    with page.expect_download() as download:
        page.get_by_role("link", name="Stáhnout jako CSV").first.click()
    assert download.value.suggested_filename.startswith("sla-stages-")


def test_the_sla_overview_passes_the_accessibility_audit(
    browser: Browser, live_server: Any, demo: Any
) -> None:
    """axe-core on the page in Czech and in English, as tests/browser/test_axe.py audits
    every other page."""
    audit = Audit(browser, live_server.url)
    try:
        audit.pages(audit.as_user("kraj"), ["/planning/sla/"])
        audit.check()
    finally:
        audit.close()
