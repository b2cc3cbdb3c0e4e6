"""The public register without logging in: filters and sorting live in the URL, and sorting
by a column header keeps the filters."""

import re
from decimal import Decimal

from playwright.sync_api import Page, expect

from tests import factories
from tests.browser.pages import BROWSER_TEST

pytestmark = BROWSER_TEST


def _query(**params: object) -> re.Pattern[str]:
    """A URL whose query string holds all `params` (in any order, among others)."""
    return re.compile("".join(rf"(?=.*[?&]{key}={value}(&|$))" for key, value in params.items()))


def test_register_filters_and_sorts_by_column_headers(page: Page) -> None:
    period = factories.NetworkPeriodFactory(start_year=2027, end_year=2029)
    for provider, capacity in (("Alfa, z. s.", 15), ("Beta, z. s.", 3), ("Gama, z. s.", 7)):
        factories.NetworkEntryFactory(
            period=period, capacity=Decimal(capacity), service__provider__name=provider
        )
    earlier = factories.NetworkPeriodFactory(start_year=2018, end_year=2020)
    factories.NetworkEntryFactory(period=earlier, capacity=Decimal(40))
    capacities = page.locator("#entry-table tbody td.num")

    page.goto("/en/register/")
    expect(capacities).to_have_count(4)
    page.get_by_label("Period").select_option(str(period.pk))  # htmx: no reload
    expect(page).to_have_url(_query(period=period.pk))
    expect(capacities).to_have_count(3)

    page.get_by_role("link", name="Capacity").click()
    expect(page).to_have_url(_query(period=period.pk, sort="-capacity"))
    expect(capacities).to_have_text(["15 beds", "7 beds", "3 beds"])
    expect(page.get_by_label("Period")).to_have_value(str(period.pk))

    page.get_by_role("link", name="Provider").click()
    expect(page).to_have_url(_query(period=period.pk, sort="provider"))
    expect(capacities).to_have_text(["15 beds", "3 beds", "7 beds"])  # Alfa, Beta, Gama
