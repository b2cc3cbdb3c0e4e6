"""The capacity dashboard in the browser, on the demo: the chart renders and the table behind
it holds the same numbers as the bars."""

import re
from decimal import Decimal
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


def test_the_dashboard_shows_the_need_and_its_chart(page: Page, demo: Any) -> None:
    """With the Tanvaldsko action plan loaded, the need and the gap per § type are in the
    chart and in its table; the chart is an image named by its title."""
    from backend.accounts.models import User
    from backend.demand.seed import tanvaldsko_demand_load
    from backend.registry.models import Orp

    tanvald = Orp.objects.get(code="5108")
    tanvaldsko_demand_load(
        region=tanvald.region, orp_tanvald=tanvald, by=User.objects.get(username="kraj")
    )
    log_in(page, "kraj")
    page.goto("/en/planning/capacity/?unit=fte")
    chart = page.get_by_role(
        "img", name="Need and increases by type of service (FTE of direct care)"
    )
    expect(chart).to_be_visible()
    assert "§ 70 – need: 17.5" in chart.locator("rect title").all_text_contents()
    row = page.locator("#need-chart-table tbody tr").filter(has_text="§ 70")
    cells = row.locator("td").all_text_contents()
    assert cells[1] == "17.5"  # need; then requested, approved, gap
    approved, gap = (Decimal(cell.replace(",", "")) for cell in cells[3:5])
    assert gap == Decimal("17.5") - approved
    # The ORP × § table has the need beside network, requested and approved.
    expect(page.locator(".capacity-matrix thead").first).to_contain_text("Need")
