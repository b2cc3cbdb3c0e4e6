"""The pages work with the keyboard alone: the skip link comes first and moves the focus
to the content; a provider logs in and submits a plan with Tab and Enter only; a municipal
officer drafts and issues an opinion, and a form sent with a required field missing brings
the focus to its error summary, announced, each field tied to its error. Every element
reached shows where the focus is, in the order of the page."""

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from backend.calls.models import Call
from backend.demo.organisations import DEMO_PASSWORD
from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from tests.browser.pages import BROWSER_TEST, focused, log_in, tab_order, tab_to
from tests.helpers import reload

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
    tab_order(page, 8)  # the header and navigation, then the page, in reading order
    tab_to(page, "Submit the plan")
    screenshot(page, "keyboard-2-submit-button-focused")
    keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("The plan was submitted.")
    assert reload(draft).state == PlanState.AWAITING_OPINION


def test_officer_drafts_and_issues_an_opinion_with_the_keyboard(
    demo: Call, page: Page, screenshot: Callable[[Page, str], Path]
) -> None:
    opinion = (
        MunicipalOpinion.objects.filter(municipality__name="Liberec", state="requested")
        .order_by("pk")
        .first()
    )
    assert opinion is not None
    plan = opinion.plan
    keyboard = page.keyboard
    log_in(page, "liberec")

    page.locator("main").focus()
    tab_to(page, str(plan), limit=120)  # the inbox's "Give the municipality's opinion" task
    keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(str(plan))
    tab_to(page, "Save the draft", limit=120)
    keyboard.press("Enter")  # no verdict chosen

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_contain_text("Verdict: This field is required.")
    screenshot(page, "keyboard-3-opinion-error-summary")
    group = page.get_by_role("group", name="Verdict")
    expect(group).to_have_accessible_description("This field is required.")
    radios = group.get_by_role("radio")
    expect(radios).to_have_count(3)
    for index in range(3):
        expect(radios.nth(index)).to_have_attribute("aria-invalid", "true")

    tab_to(page, "Verdict: This field is required.")  # the summary's link to the field
    keyboard.press("Enter")
    expect(radios.first).to_be_focused()
    keyboard.press("ArrowDown")
    keyboard.press("ArrowDown")
    expect(group.get_by_role("radio", name="does not support")).to_be_checked()
    tab_order(page, 2)  # conditions, co-financing: on down the form
    tab_to(page, "Save the draft")
    keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("The draft opinion was saved.")
    expect(page.locator("#error-summary")).to_have_count(0)
    tab_to(page, "Issue the opinion", limit=120)
    screenshot(page, "keyboard-4-issue-opinion-focused")
    keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("The opinion was issued.")
    assert reload(opinion).state == "issued"
    assert reload(opinion).verdict == "does_not_support"
