"""The whole TULIPAN-like flow across the roles, in the browser, on the README's demo.

TULIPAN asks to raise its sheltered housing by two beds in the current call; the City of
Liberec supports it, which commits the city, so its council resolves; the region includes
the plan; the public register shows the new capacity with its history.

The flow runs in Czech, the language of the people who use the system: the texts to find
and expect come from the translation catalogue through `_` (a missing translation leaves
the English text on both sides), the data the people type in are Czech.
"""

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from playwright.sync_api import Locator, Page, expect

from backend.calls.models import Call
from backend.machines.plan_review.states import PlanState
from backend.network.models import NetworkEntry
from backend.plans.models import DevelopmentPlan
from backend.registry.choices import CapacityUnit
from backend.registry.models import SocialService
from backend.registry.units import unit_for_amount
from tests.browser.pages import BROWSER_TEST, log_in

pytestmark = BROWSER_TEST

Shoot = Callable[[Page, str], Path]
CZECH = ""  # the default language has no URL prefix


@pytest.fixture(autouse=True)
def _czech() -> Iterator[None]:
    with translation.override("cs"):
        yield


def _date(day: object) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _open_task(page: Page, task: str, plan: DevelopmentPlan) -> None:
    """From the inbox, open the plan through the row of the task that waits."""
    row = page.get_by_role("row").filter(has_text=task).filter(has_text=str(plan))
    row.get_by_role("link", name=str(plan)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(str(plan))


def _look_at_plan_list(page: Page, screenshot: Shoot, name: str) -> None:
    """The plan list of the person's scope (a screenshot), then back to the inbox."""
    page.get_by_role("link", name=_("Development plans"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Development plans"))
    screenshot(page, name)
    page.get_by_role("link", name=_("My tasks"), exact=True).click()


def _state(page: Page) -> Locator:
    """The plan's state badge under the page heading."""
    return page.locator("main .state").first


def test_provider_files_municipality_supports_council_resolves_region_includes(
    demo: Call, new_page: Callable[[], Page], screenshot: Shoot
) -> None:
    call = demo
    service = SocialService.objects.get(registration_number="8533092")  # sheltered housing
    entry = NetworkEntry.objects.get(service=service, period=call.period)
    before = int(entry.capacity)  # 12 beds after the decrease decided in the current call
    requested = before + 2
    beds = unit_for_amount(CapacityUnit.BEDS, Decimal(requested))  # "14 lůžek"
    today = timezone.localdate()
    council_number = f"1234/{today.year}"
    region_number = f"1500/{today.year % 100}/RK"

    # --- the provider files the plan and submits it ------------------------------------
    provider = new_page()
    log_in(provider, "tulipan", prefix=CZECH)
    screenshot(provider, "provider-1-inbox")
    provider.get_by_role("link", name=_("Development plans"), exact=True).click()
    screenshot(provider, "provider-2-plan-list")
    provider.get_by_role("link", name=_("New development plan")).click()
    provider.get_by_label(_("Call")).select_option(str(call.pk))
    provider.get_by_label(_("Social service")).select_option(str(service.pk))
    provider.get_by_label(_("Kind of change")).select_option("capacity_increase")
    provider.get_by_label(_("Current capacity")).fill(str(before))
    provider.get_by_label(_("Requested capacity")).fill(str(requested))
    provider.get_by_label("ORP Liberec").check()
    provider.get_by_label(_("Justification")).fill(
        "Pořadník čekatelů na chráněné bydlení v Liberci má 9 jmen (komunitní plán města)."
    )
    screenshot(provider, "provider-3-new-plan-form")
    provider.get_by_role("button", name=_("Save the draft")).click()

    expect(provider.get_by_role("status")).to_contain_text(_("The draft was saved."))
    expect(provider.locator("main")).to_contain_text(f"{before} → {requested} {beds}")
    plan = DevelopmentPlan.objects.get(service=service, call=call, state=PlanState.DRAFT)
    assert plan.capacity_requested == requested
    assert [orp.name for orp in plan.orps.all()] == ["Liberec"]

    provider.get_by_role("link", name=_("Submit…")).click()
    main = provider.locator("main")
    expect(main.get_by_role("heading", name=_("What happens next"))).to_be_visible()
    expect(main.get_by_role("alert")).to_have_count(0)  # nothing stops the submission
    steps = main.locator("ol > li")  # Liberec's opinion, its council, the region's decision
    expect(steps).to_have_count(3)
    expect(steps.nth(0)).to_contain_text("Liberec")
    for step, deadline in enumerate(
        (call.opinion_deadline, call.council_deadline, call.decision_date)
    ):
        expect(steps.nth(step)).to_contain_text(_date(deadline))
    screenshot(provider, "provider-4-submit-confirmation")
    provider.get_by_role("button", name=_("Submit the plan")).click()

    expect(provider.get_by_role("status")).to_contain_text(_("The plan was submitted."))
    expect(_state(provider)).to_have_text(_("awaiting municipal opinion"))
    screenshot(provider, "provider-5-plan-submitted")

    # --- the municipal officer drafts a supporting opinion; it needs the council -------
    officer = new_page()
    log_in(officer, "liberec", prefix=CZECH)
    screenshot(officer, "municipality-1-inbox")
    _look_at_plan_list(officer, screenshot, "municipality-2-plan-list")
    _open_task(officer, _("Give the municipality's opinion"), plan)
    opinion = officer.locator("section.card").filter(has_text="Liberec")
    opinion.get_by_label(_("supports"), exact=True).check()
    screenshot(officer, "municipality-3-plan-detail-opinion-form")
    opinion.get_by_role("button", name=_("Save the draft")).click()

    expect(officer.get_by_role("status")).to_contain_text(_("The draft opinion was saved."))
    expect(opinion).to_contain_text(_("needs a council resolution"))
    # An increase commits the city: the officer cannot issue the opinion alone.
    expect(opinion.get_by_role("button", name=_("Issue the opinion"))).to_have_count(0)
    opinion.get_by_role("button", name=_("Send to the council")).click()
    expect(officer.get_by_role("status")).to_contain_text(_("The opinion was sent to the council."))
    expect(_state(officer)).to_have_text(_("awaiting council resolution"))

    # --- the council secretary records the resolution ----------------------------------
    secretary = new_page()
    log_in(secretary, "liberec.rada", prefix=CZECH)
    screenshot(secretary, "council-1-inbox")
    _look_at_plan_list(secretary, screenshot, "council-2-plan-list")
    _open_task(secretary, _("Record the council resolution"), plan)
    secretary.get_by_label(_("Resolution number")).fill(council_number)
    secretary.get_by_label(_("Meeting date")).fill(today.isoformat())
    secretary.get_by_label(_("approved"), exact=True).check()
    screenshot(secretary, "council-3-plan-detail-resolution-form")
    secretary.get_by_role("button", name=_("Record the resolution")).click()

    expect(secretary.get_by_role("status")).to_contain_text(
        _("The council resolution was recorded.")
    )
    expect(secretary.locator("section.card").filter(has_text="Liberec")).to_contain_text(
        _("resolution no. %(number)s of %(date)s")
        % {"number": council_number, "date": _date(today)}
    )
    expect(_state(secretary)).to_have_text(_("awaiting regional decision"))

    # --- the regional officer includes the plan ----------------------------------------
    region = new_page()
    log_in(region, "kraj", prefix=CZECH)
    screenshot(region, "region-1-inbox")
    _look_at_plan_list(region, screenshot, "region-2-plan-list")
    _open_task(region, _("Decide on the plan"), plan)
    decision = region.locator("form.card").filter(
        has=region.get_by_role("heading", name=_("Decide"), exact=True)
    )
    decision.get_by_label(_("Outcome")).select_option(PlanState.INCLUDED)
    decision.get_by_label(_("Resolution no.")).fill(region_number)
    decision.get_by_label(_("Resolution date")).fill(today.isoformat())
    screenshot(region, "region-3-plan-detail-decision-form")
    decision.get_by_role("button", name=_("Record the decision")).click()

    expect(region.get_by_role("status")).to_contain_text(_("The decision was recorded."))
    expect(_state(region)).to_have_text(_("included"))
    expect(region.locator("main")).to_contain_text(f"{_('no.')} {region_number}")
    screenshot(region, "region-4-plan-included")

    # --- the public register (no login) shows the new capacity and its history ---------
    public = new_page()
    public.goto("/register/")
    public.locator("#id_period").select_option(str(call.period.pk))  # htmx swaps the table
    expect(public).to_have_url(re.compile(rf"[?&]period={call.period.pk}\b"))
    # The period holds the region's whole imported network: narrow it to the provider.
    public.locator("#id_provider").select_option(str(service.provider_id))
    expect(public).to_have_url(re.compile(rf"[?&]provider={service.provider_id}\b"))
    row = public.get_by_role("row").filter(has_text=service.name)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(str(call.period))
    expect(row.locator("td.num")).to_have_text(f"{requested} {beds}")
    screenshot(public, "public-1-register")

    row.get_by_role("link", name=service.name).click()
    expect(public.locator("main dl")).to_contain_text(f"{requested} {beds}")
    history = public.locator("main table tbody tr")
    # Its history reads across periods: the imported entry of the previous period first.
    earlier = entry.predecessor.changes.count() if entry.predecessor else 0
    expect(history).to_have_count(earlier + entry.changes.count())
    expect(history.last.locator("td.num")).to_have_text([str(before), f"{requested} {beds}"])
    expect(history.last).to_contain_text(region_number)
    screenshot(public, "public-2-register-entry-history")
