"""The Content Security Policy in the browser: the main pages (and the API docs with their
own, style-only exception) run with no CSP violation at all — no inline script or style left."""

import re
from typing import Any

from django.db.models import F
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from backend.demo.organisations import DEMO_PASSWORD
from backend.plans.models import DevelopmentPlan
from tests.accounts.conftest import code_of
from tests.browser.pages import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST

MAIN_PAGES = [
    "/en/",
    "/en/plans/",
    "/en/calls/",
    "/en/register/",
    "/en/planning/capacity/",
    "/en/planning/activity-cards/",
    "/en/planning/workflow/",
    "/en/inbox/",
    "/en/accounts/two-factor/",
]


def _watch_violations(page: Page) -> list[str]:
    """Console errors the browser reports for a blocked resource or inline code."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_the_main_pages_run_without_a_csp_violation(page: Page, demo: Any) -> None:
    violations = _watch_violations(page)
    page.goto("/en/accounts/login/")
    log_in(page, "kraj")
    plan = DevelopmentPlan.objects.order_by("pk").first()
    assert plan is not None
    for path in [*MAIN_PAGES, f"/en/calls/{demo.pk}/", f"/en/plans/{plan.pk}/"]:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    # htmx filtering (the plans list) swaps content in without an injected <style>.
    page.goto("/en/plans/")
    page.locator("form.filters select").first.select_option(index=1)
    page.wait_for_load_state("networkidle")
    assert violations == []


def test_an_inline_script_would_be_reported(page: Page, demo: Any) -> None:
    """The watcher sees violations: an injected inline script is blocked and reported."""
    violations = _watch_violations(page)
    page.goto("/en/accounts/login/")
    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.ran = true"; document.body.append(s); }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.ran === undefined")
    assert violations, "the blocked inline script was not reported"


def test_the_api_docs_work_under_their_policy(page: Page, demo: Any) -> None:
    violations = _watch_violations(page)
    page.goto("/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("ZSSS API")
    assert violations == []


def test_two_factor_set_up_and_login_under_the_policy(page: Page, demo: Any) -> None:
    """The regional officer scans the inline SVG QR code, confirms a code, and the next login
    asks for the code after the password."""
    violations = _watch_violations(page)
    log_in(page, "kraj")
    page.get_by_role("link", name="Two-factor login").click()
    expect(page.get_by_role("img", name="QR code for the authenticator app")).to_be_visible()
    device = TOTPDevice.objects.get(user__username="kraj", confirmed=False)
    page.get_by_label("Code from the authenticator app").fill(code_of(device))
    page.get_by_role("button", name="Turn on two-factor login").click()
    expect(page.get_by_role("status")).to_contain_text("Two-factor login is on")
    expect(page.locator(".otp-backup-codes li")).to_have_count(10)  # shown once, here

    page.get_by_role("button", name="Log out").click()
    # The app's next code (the one just used is not accepted twice).
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=F("last_t") - 1)
    page.goto("/en/accounts/login/")
    page.locator("#id_username").fill("kraj")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/login/code/"))
    page.get_by_label("Code from the authenticator app").fill(code_of(device))
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("What waits for me")
    assert violations == []
