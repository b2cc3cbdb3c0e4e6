"""A plan submitted after its call closed is refused with a message naming the closing
time, even while the call still says "open" (the scheduler has not closed it yet): the
window decides."""

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from backend.accounts.models import User
from backend.core.deadlines import end_of_day
from backend.demo.organisations import DEMO_PASSWORD
from backend.machines.call_lifecycle.states import CallState
from backend.machines.plan_review.states import PlanState
from backend.registry.models import SocialService
from tests import factories
from tests.browser.pages import BROWSER_TEST, log_in
from tests.helpers import prague, reload

pytestmark = BROWSER_TEST

CALL_2017 = "Výzva k předkládání rozvojových záměrů do ZSSS LK 2018–2020 (2017)"


@pytest.mark.parametrize(
    ("prefix", "language", "refusal", "closing"),
    [
        ("/en", "en", "does not accept plans now", "4 Aug 2017 23:59:59"),
        ("", "cs", "nyní nepřijímá rozvojové záměry", "4. 8. 2017 23:59:59"),
    ],
    ids=["English", "Czech"],
)
def test_a_late_submission_is_refused_with_the_closing_time(
    prefix: str,
    language: str,
    refusal: str,
    closing: str,
    page: Page,
    provider_user: User,
    service: SocialService,
    screenshot: Callable[[Page, str], Path],
) -> None:
    provider_user.set_password(DEMO_PASSWORD)
    provider_user.save()
    call = factories.CallFactory(
        open=True,
        name=CALL_2017,
        period=factories.NetworkPeriodFactory(start_year=2018, end_year=2020),
        opens_at=prague(2017, 7, 31),
        closes_at=end_of_day(dt.date(2017, 8, 4)),
    )
    assert call.state == CallState.OPEN
    plan = factories.DevelopmentPlanFactory(call=call, service=service)  # a complete draft
    log_in(page, "tulipan", prefix=prefix)

    page.goto(f"{prefix}/plans/{plan.pk}/submit/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("alert")).to_contain_text(closing)  # warned before trying
    # ... and offered no button that would be refused (issue 16).
    expect(page.locator("main form button[type=submit]")).to_have_count(0)
    screenshot(page, f"provider-7-late-submission-refused-{language}")

    # A submit page opened before the close still posts: the server refuses it, naming
    # the closing time.
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    posted = page.request.post(
        f"{prefix}/plans/{plan.pk}/submit/",
        form={"csrfmiddlewaretoken": token or ""},
        headers={"Referer": page.url},
    )
    assert posted.status == 409
    refused = posted.text()
    for expected in (refusal, CALL_2017, closing):
        assert expected in refused, expected
    assert reload(plan).state == PlanState.DRAFT
    assert reload(plan).submitted_at is None
