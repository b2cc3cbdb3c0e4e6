"""Typing numbers in Chromium with a Czech locale: "2,5" is stored as 2.5 and shown as "2,5"
(an <input type="number"> dropped the comma and stored 25); the new plan's current capacity
is filled in from the network register when the service is picked, the only open call is
chosen already."""

from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from playwright.sync_api import Page, expect

from backend.calls.models import Call
from backend.machines.plan_review.states import PlanState
from backend.network.models import NetworkEntry
from backend.plans.models import DevelopmentPlan
from backend.registry.models import SocialService
from tests import factories
from tests.browser.pages import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST
CZECH = ""  # the default language has no URL prefix


@pytest.fixture(autouse=True)
def _czech() -> Iterator[None]:
    with translation.override("cs"):
        yield


def _new_plan(page: Page) -> None:
    log_in(page, "tulipan", prefix=CZECH)
    page.goto("/plans/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text(_("New development plan"))


def test_a_decimal_comma_typed_is_the_number_stored_and_shown(demo: Call, page: Page) -> None:
    # A second social rehabilitation of TULIPAN: no entry in the register for the call's
    # period and no plan in the call (the demo's one has an increase returned for completion).
    demo_service = SocialService.objects.get(provider__ico="26672472", service_type__paragraph="70")
    service = factories.SocialServiceFactory(
        provider=demo_service.provider,
        name="Sociální rehabilitace TULIPAN – Jablonec",
        service_type=demo_service.service_type,
        form=demo_service.form,
    )
    assert not NetworkEntry.objects.filter(service=service, period=demo.period).exists()
    _new_plan(page)
    expect(page.get_by_label(_("Call"))).to_have_value(str(demo.pk))  # the only open call
    page.get_by_label(_("Social service")).select_option(str(service.pk))
    page.get_by_label(_("Kind of change")).select_option("capacity_increase")
    page.get_by_label(_("Current capacity")).press_sequentially("2")
    page.get_by_label(_("Requested capacity")).press_sequentially("2,5")
    page.get_by_label(_("Amount requested from the region (CZK)")).press_sequentially("1 250,50")
    page.get_by_role("button", name=_("Save the draft")).click()

    expect(page.get_by_role("status")).to_contain_text(_("The draft was saved."))
    plan = DevelopmentPlan.objects.filter(service=service, call=demo).latest("pk")
    assert (plan.capacity_current, plan.capacity_requested) == (Decimal(2), Decimal("2.5"))
    assert plan.amount_requested == Decimal("1250.50")
    expect(page.locator("main")).to_contain_text("2 → 2,5")

    page.goto(f"/plans/{plan.pk}/edit/")
    expect(page.get_by_label(_("Requested capacity"))).to_have_value("2,5")
    expect(page.get_by_label(_("Amount requested from the region (CZK)"))).to_have_value(
        "1\u00a0250,5"
    )


def test_what_cannot_be_read_is_refused_not_guessed(demo: Call, page: Page) -> None:
    service = SocialService.objects.get(provider__ico="26672472", service_type__paragraph="70")
    before = DevelopmentPlan.objects.count()
    _new_plan(page)
    page.get_by_label(_("Social service")).select_option(str(service.pk))
    page.get_by_label(_("Kind of change")).select_option("capacity_increase")
    page.get_by_label(_("Current capacity")).press_sequentially("2")
    page.get_by_label(_("Requested capacity")).press_sequentially("2,5,1")
    page.get_by_role("button", name=_("Save the draft")).click()

    expect(page.locator("#error-summary")).to_contain_text("„2,5,1“ není číslo")
    expect(page.get_by_label(_("Requested capacity"))).to_have_value("2,5,1")
    assert DevelopmentPlan.objects.count() == before


def test_the_current_capacity_comes_from_the_register(demo: Call, page: Page) -> None:
    sheltered = SocialService.objects.get(registration_number="8533092")
    entry = NetworkEntry.objects.get(service=sheltered, period=demo.period)  # 12 beds
    rehab = SocialService.objects.get(provider__ico="26672472", service_type__paragraph="70")
    _new_plan(page)
    current = page.get_by_label(_("Current capacity"))
    page.get_by_label(_("Social service")).select_option(str(sheltered.pk))
    expect(current).to_have_value(str(int(entry.capacity)))
    page.get_by_label(_("Social service")).select_option(str(rehab.pk))
    expect(current).to_have_value("")  # the register does not know it: the person types it

    # Typed over: "0 → 3,5" is no increase of a service that has 12 beds.
    page.get_by_label(_("Social service")).select_option(str(sheltered.pk))
    page.get_by_label(_("Kind of change")).select_option("capacity_increase")
    current.fill("")
    current.press_sequentially("0")
    page.get_by_label(_("Requested capacity")).press_sequentially("3,5")
    page.get_by_role("button", name=_("Save the draft")).click()
    expect(page.locator("#error-summary")).to_contain_text("současnou kapacitu 12 lůžek")
    assert not DevelopmentPlan.objects.filter(
        service=sheltered, call=demo, state=PlanState.DRAFT
    ).exists()
