"""The pages work with the keyboard alone: the skip link comes first and moves the focus
to the content; a provider logs in and submits a plan with Tab and Enter only, every
element reached showing where the focus is."""

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from backend.calls.models import Call
from backend.demo.organisations import DEMO_PASSWORD
from backend.plans.models import DevelopmentPlan
from tests.browser.pages import BROWSER_TEST, focused, tab_to
from tests.helpers import reload
from workflows.plan_review.states import PlanState

pytestmark = BROWSER_TEST


def test_skip_link_then_log_in_and_submit_a_plan_with_tab_and_enter(
    demo: Call, page: Page, screenshot: Callable[[Page, str], Path]
) -> None:
    draft = DevelopmentPlan.objects.get(call=demo, provider__ico="26537036", state="draft")
    keyboard = page.keyboard
    page.goto("/en/")

    keyboard.press("Tab")
    skip = focused(page)
    assert skip["text"] == "Skip to content"
    assert skip["outline"]
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()
    screenshot(page, "keyboard-1-skip-link")
    keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    assert tab_to(page, "Log in")["inMain"]  # the next Tab continues inside the content

    keyboard.press("Enter")
    expect(page).to_have_url("/en/accounts/login/")
    expect(page.get_by_label("Username")).to_be_focused()  # autofocus
    keyboard.type("romodrom")
    keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    keyboard.type(DEMO_PASSWORD)
    keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("What waits for me")

    tab_to(page, str(draft))  # the inbox's "Submit the draft" task
    keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(str(draft))
    tab_to(page, "Submit…")
    keyboard.press("Enter")
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    tab_to(page, "Submit the plan")
    screenshot(page, "keyboard-2-submit-button-focused")
    keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("The plan was submitted.")
    assert reload(draft).state == PlanState.AWAITING_OPINION
