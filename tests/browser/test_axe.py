"""The accessibility audit: axe-core on every page of every role, in Czech and in English.

Act No. 99/2019 Coll. asks WCAG 2.1 AA of public bodies' web sites. axe-core (vendored by
`scripts/vendor_test_assets.sh`) runs all its rules except the experimental ones on each
page; no serious or critical violation may remain, and every minor or moderate one must be
listed with its reason in `docs/accessibility.md` (the list the accessibility statement
shows). One logged-in context per role, each page audited in both languages.
"""

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from backend.accounts.models import User
from backend.calls.models import Call
from backend.machines.opinion_review.states import Verdict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState
from backend.network.models import NetworkEntry
from backend.plans.models import DevelopmentPlan
from backend.plans.services import plan_create
from backend.registry.models import Orp, SocialService
from backend.web.accessibility import known_issues
from tests.browser.conftest import TIMEOUT_MS, VIEWPORT
from tests.browser.pages import BROWSER_TEST, log_in
from workflows.opinion_review.actions import opinion_draft, opinion_send_to_council

pytestmark = BROWSER_TEST

AXE = Path(__file__).parent / "vendor/axe-core/axe.min.js"
BLOCKING = {"serious", "critical"}
LANGUAGES = ("", "/en")  # Czech has no prefix


@pytest.fixture
def audit(browser: Browser, live_server: Any) -> Iterator["Audit"]:
    found = Audit(browser, live_server.url)
    yield found
    found.close()


class Audit:
    """Runs axe on pages, one browser context per person, and collects what it finds."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.contexts: list[Any] = []
        self.violations: list[dict[str, Any]] = []
        self.axe = AXE.read_text()

    def as_user(self, username: str | None) -> Page:
        """A page in a fresh context, logged in as `username` (None: the public)."""
        context = self.browser.new_context(
            base_url=self.base_url, viewport=VIEWPORT, locale="cs-CZ", timezone_id="Europe/Prague"
        )
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        page = context.new_page()
        if username:
            log_in(page, username, prefix="")
        return page

    def pages(self, page: Page, paths: list[str]) -> None:
        """Audits each path in Czech and in English."""
        for path in paths:
            for prefix in LANGUAGES:
                self.page(page, prefix + path)

    def page(self, page: Page, path: str) -> None:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        self.current(page, path)

    def with_errors(self, page: Page, path: str, form: str) -> None:
        """Sends the form `form` (a CSS selector) on `path` empty and audits the page that
        comes back with the error summary, in Czech and in English."""
        for prefix in LANGUAGES:
            page.goto(prefix + path)
            page.locator(form).locator("button[type=submit]").first.click()
            expect(page.locator(".error-summary, .gov-message[data-color=error]")).to_be_visible()
            self.current(page, f"{prefix}{path} ({form} with errors)")

    def current(self, page: Page, label: str) -> None:
        """Audits the page as it is now (after a form came back with its errors, say)."""
        page.wait_for_load_state("load")
        # evaluate() is not subject to the page's Content Security Policy (a <script> is).
        page.evaluate(self.axe)
        result = page.evaluate(
            """async () => {
                const result = await axe.run(document, {resultTypes: ["violations"]});
                return result.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.map(n => n.target.join(" ")).slice(0, 5),
                }));
            }"""
        )
        self.violations += [{**violation, "path": label} for violation in result]

    def check(self) -> None:
        """No serious or critical violation; each other one listed in docs/accessibility.md."""
        blocking = [v for v in self.violations if v["impact"] in BLOCKING]
        listed = {issue.rule for issue in known_issues()}
        unlisted = [
            v for v in self.violations if v["impact"] not in BLOCKING and v["id"] not in listed
        ]
        assert blocking == [], _report(blocking)
        assert unlisted == [], "not in docs/accessibility.md:\n" + _report(unlisted)

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def _report(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['path']}: {v['id']} ({v['impact']}) {v['help']} — {v['targets']}" for v in violations
    )


def test_public_pages(demo: Call, audit: Audit) -> None:
    entry = NetworkEntry.objects.filter(period=demo.period).order_by("pk").first()
    assert entry is not None
    page = audit.as_user(None)
    audit.pages(
        page,
        [
            "/accounts/login/",
            "/accounts/password_reset/",
            "/register/",
            f"/register/{entry.pk}/",
            "/planning/capacity/",
            "/accessibility/",
        ],
    )
    audit.with_errors(page, "/accounts/login/", "main form")
    audit.check()


def test_provider_pages(demo: Call, audit: Audit) -> None:
    tulipan = User.objects.get(username="tulipan")
    draft = plan_create(
        by=tulipan,
        call=demo,
        service=SocialService.objects.get(registration_number="8533092"),
        kind=PlanKind.CAPACITY_INCREASE,
        capacity_current=Decimal(12),
        capacity_requested=Decimal(14),
        justification="Pořadník čekatelů má 9 jmen.",
        orps=list(Orp.objects.filter(code="5105")),
        activity_cards=[],
    )
    returned = DevelopmentPlan.objects.get(provider__ico="26672472", state=PlanState.RETURNED)
    page = audit.as_user("tulipan")
    audit.pages(
        page,
        [
            "/",
            "/plans/services/",
            "/plans/",
            f"/plans/{returned.pk}/",
            f"/plans/{draft.pk}/",
            "/plans/new/",
            f"/plans/{draft.pk}/submit/",
        ],
    )
    audit.with_errors(page, "/plans/new/", "main form[method=post]")
    audit.check()


def test_municipal_officer_pages(demo: Call, audit: Audit) -> None:
    liberec = DevelopmentPlan.objects.filter(
        state=PlanState.AWAITING_OPINION, opinions__municipality__name="Liberec"
    )
    requested = liberec.filter(opinions__state="requested").order_by("pk").first()
    drafted = liberec.filter(opinions__state="drafted").order_by("pk").first()
    assert requested is not None and drafted is not None
    page = audit.as_user("liberec")
    audit.pages(page, ["/", "/plans/", f"/plans/{requested.pk}/", f"/plans/{drafted.pk}/"])
    audit.with_errors(page, f"/plans/{requested.pk}/", "form[action$='/draft/']")
    audit.check()


def test_council_secretary_pages(demo: Call, audit: Audit) -> None:
    # The demo's Liberec plans have no opinion at the council: the officer sends one there.
    officer = User.objects.get(username="liberec")
    plan = (
        DevelopmentPlan.objects.filter(
            state=PlanState.AWAITING_OPINION,
            opinions__municipality__name="Liberec",
            opinions__state="requested",
        )
        .order_by("pk")
        .first()
    )
    assert plan is not None
    opinion = plan.opinions.get(municipality__name="Liberec")
    opinion_draft(opinion=opinion, by=officer, verdict=Verdict.SUPPORTS)
    opinion_send_to_council(opinion=opinion, by=officer)
    page = audit.as_user("liberec.rada")
    audit.pages(page, ["/", f"/plans/{plan.pk}/"])
    audit.with_errors(page, f"/plans/{plan.pk}/", "form[action$='/resolution/']")
    audit.check()


def test_regional_officer_pages(demo: Call, audit: Audit) -> None:
    deciding = DevelopmentPlan.objects.filter(state=PlanState.AWAITING_DECISION).first()
    assert deciding is not None
    page = audit.as_user("kraj")
    audit.pages(
        page,
        [
            "/",
            "/calls/",
            f"/calls/{demo.pk}/",
            "/calls/new/",
            "/plans/",
            f"/plans/{deciding.pk}/",
            "/planning/capacity/",
            "/planning/activity-cards/",
            "/planning/workflow/",
            "/inbox/",
            "/inbox/settings/",
            "/accounts/two-factor/",
            "/admin/",
        ],
    )
    audit.with_errors(page, "/calls/new/", "main form[method=post]")
    audit.with_errors(page, f"/plans/{deciding.pk}/", "form[action$='/decide/']")
    audit.with_errors(page, f"/plans/{deciding.pk}/", "form[action$='/return/']")
    audit.check()


def test_the_audit_reports_a_violation(audit: Audit) -> None:
    """The audit sees what it should: an image without a text alternative is critical."""
    page = audit.as_user(None)
    page.goto("/accessibility/")
    page.evaluate(
        """() => { const image = document.createElement("img");
                   image.src = "/static/web/missing.png"; document.querySelector("main").append(image); }"""
    )
    audit.current(page, "/accessibility/ with an image without alt")
    assert [(v["id"], v["impact"]) for v in audit.violations] == [("image-alt", "critical")]
    with pytest.raises(AssertionError, match="image-alt"):
        audit.check()
