"""Steps of issue 16 that live in the browser: an error summary reads top to bottom (its
heading above its list), and withdrawing a plan goes through a confirmation that works
without JavaScript."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from backend.calls.models import Call
from backend.machines.opinion_review.states import OpinionState
from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan
from tests.browser.pages import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST


def _heading_above_the_list(page: Page) -> None:
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    heading = summary.get_by_role("heading").bounding_box()
    first_error = summary.locator("li").first.bounding_box()
    assert heading is not None and first_error is not None
    # The list starts below the heading, not beside it (the design system lays a
    # message out as a row).
    assert heading["y"] + heading["height"] <= first_error["y"], (heading, first_error)
    assert first_error["x"] < heading["x"] + heading["width"]


def test_the_resolution_forms_error_summary_reads_heading_first(page: Page, demo: Call) -> None:
    plan = DevelopmentPlan.objects.get(
        opinions__state=OpinionState.AWAITING_COUNCIL, opinions__municipality__name="Tanvald"
    )
    log_in(page, "tanvald.rada")
    page.goto(f"/en/plans/{plan.pk}/")
    form = page.locator("form[action$='/resolution/']")
    form.get_by_label("Resolution number").fill("827")  # not "number/year"
    form.get_by_label("Meeting date").fill("2026-06-02")
    form.get_by_label("approved").check()
    form.get_by_role("button", name="Record the resolution").click()
    expect(page.locator("#error-summary")).to_contain_text("number/year")
    _heading_above_the_list(page)


def test_the_plan_forms_error_summary_reads_heading_first(page: Page, demo: Call) -> None:
    log_in(page, "tulipan")
    page.goto("/en/plans/new/")
    page.locator("main form button[type=submit]").click()
    _heading_above_the_list(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_withdrawing_asks_first_and_works_without_javascript(
    demo: Call, browser: Any, live_server: Any, javascript: bool
) -> None:
    # TULIPAN's rehabilitation plan, returned for completion in the demo.
    plan = DevelopmentPlan.objects.get(provider__ico="26672472", state=PlanState.RETURNED)
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=javascript, locale="cs-CZ"
    )
    page = context.new_page()
    try:
        log_in(page, "tulipan", prefix="")
        page.goto(f"/plans/{plan.pk}/")
        page.get_by_role("link", name="Vzít zpět…").click()
        expect(page.get_by_text("Vzetí zpět nelze vrátit.")).to_be_visible()
        plan.refresh_from_db()
        assert plan.state != PlanState.WITHDRAWN  # the link only asks
        page.get_by_label("Komentář").fill("Záměr odkládáme.")
        page.get_by_role("button", name="Vzít rozvojový záměr zpět – nevratně").click()
        expect(
            page.get_by_role("status").filter(has_text="Rozvojový záměr byl vzat zpět.")
        ).to_be_visible()
        plan.refresh_from_db()
        assert plan.state == PlanState.WITHDRAWN
    finally:
        context.close()
