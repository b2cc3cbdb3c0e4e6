"""The capacity dashboard in the browser, on the demo: the chart renders and the table behind
it holds the same numbers as the bars."""

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.pages import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST


def test_the_dashboard_chart_matches_its_table(page: Page, demo: Any) -> None:
    log_in(page, "kraj")
    page.goto("/en/planning/capacity/")
    expect(
        page.get_by_role("heading", name="Capacity by territory and type of service")
    ).to_be_visible()
    chart = page.get_by_role("img", name="By ORP (beds)")
    expect(chart).to_be_visible()
    titles = chart.locator("rect title").all_text_contents()
    rows = page.locator("#chart-table tbody tr")
    expect(rows).to_have_count(10)
    table = {}
    for index in range(10):
        cells = rows.nth(index).locator("th, td").all_text_contents()
        table[cells[0]] = (cells[1], cells[2])
    for name, (network, requested) in table.items():
        assert f"{name}: {network}" in titles
        assert f"{name}: +{requested}" in titles
    assert table["Liberec"] != ("0", "0")
    # The drill-down opens the plan list filtered by ORP and § type.
    page.locator(".capacity-matrix tbody a").first.click()
    expect(page).to_have_url(re.compile(r"/plans/\?.*service_type="))
