"""Casework in the browser, in Czech: Jana (`kraj`) stands in for Martin (`kraj2`) this week,
finds his case among hers, takes another case and records her own absence."""

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from backend.calls.models import Call
from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan
from tests.browser.pages import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST


def test_an_officer_stands_in_and_takes_a_case(
    demo: Call, page: Page, screenshot: Callable[[Page, str], Path]
) -> None:
    martins = DevelopmentPlan.objects.get(
        call=demo, state=PlanState.AWAITING_DECISION, assignee__username="kraj2"
    )
    log_in(page, "kraj", prefix="")
    page.goto("/?cases=mine")
    expect(page.get_by_role("link", name="Moje případy")).to_have_attribute("aria-current", "page")
    expect(page.locator("main table")).to_contain_text(martins.service.name)
    screenshot(page, "casework-1-inbox-my-cases")

    unowned = (
        DevelopmentPlan.objects.filter(call=demo, assignee__isnull=True)
        .exclude(state=PlanState.DRAFT)
        .first()
    )
    assert unowned is not None
    page.goto(f"/plans/{unowned.pk}/")
    page.get_by_role("button", name="Převzít případ").click()
    expect(page.locator("main")).to_contain_text("Případ byl přidělen.")
    expect(page.locator(".case-owner")).to_contain_text("Přiděleno: Jana Nováková.")
    screenshot(page, "casework-2-plan-owner")

    page.goto("/plans/?owner=unassigned")
    expect(page.locator(f"main table a[href$='/plans/{unowned.pk}/']")).to_have_count(0)

    page.goto("/casework/absences/")
    expect(page.locator("main table")).to_contain_text("Martin Beneš")
    page.get_by_label("Zástupce").select_option(label="Martin Beneš")
    page.get_by_label("Od").fill("2099-07-01")
    page.get_by_label("Do (včetně)").fill("2099-07-14")
    page.get_by_label("Poznámka").fill("Dovolená")
    page.get_by_role("button", name="Zaznamenat nepřítomnost").click()
    expect(page.locator("main")).to_contain_text("Nepřítomnost byla zaznamenána.")
    expect(page.locator("main table")).to_contain_text("14. 7. 2099")
    screenshot(page, "casework-3-absences")
