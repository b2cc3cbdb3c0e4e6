"""A provider cannot reach another provider's plan by typing its URL: every page of it is
a 404, as if the plan did not exist."""

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from backend.calls.models import Call
from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan
from tests.browser.pages import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST

TULIPAN, ROMODROM = "26672472", "26537036"


def test_a_provider_gets_404_for_another_providers_plan(
    demo: Call, page: Page, screenshot: Callable[[Page, str], Path]
) -> None:
    ours = DevelopmentPlan.objects.filter(provider__ico=TULIPAN).first()
    romodrom = DevelopmentPlan.objects.filter(provider__ico=ROMODROM)
    draft = romodrom.get(state=PlanState.DRAFT)
    submitted = romodrom.filter(state=PlanState.AWAITING_OPINION).first()
    log_in(page, "tulipan")

    response = page.goto(f"/en/plans/{ours.pk}/")  # the URLs work for the plan's owner
    assert response is not None and response.status == 200

    for plan in (draft, submitted):
        for page_of_plan in ("", "edit/", "submit/", "pdf/"):
            response = page.goto(f"/en/plans/{plan.pk}/{page_of_plan}")
            assert response is not None and response.status == 404, page.url
            expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
            expect(page.locator("main")).not_to_contain_text(plan.service.name)
    screenshot(page, "provider-6-foreign-plan-404")

    page.get_by_role("link", name="Development plans", exact=True).click()
    expect(page.locator("main table")).to_contain_text("TULIPAN")
    expect(page.locator("main table")).not_to_contain_text("Romodrom")
