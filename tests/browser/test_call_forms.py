"""A call shaped like the Liberec Region's, in the browser, in Czech: the regional officer
gives the call form A with a required proof of need (PDF); a provider files a form-A plan
without it, is refused with the document named, attaches it and submits."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from playwright.sync_api import Page, expect

from backend.accounts.models import User
from backend.callsetup.models import RequestForm
from backend.demo.organisations import DEMO_PASSWORD
from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan
from backend.registry.models import Orp, SocialService
from tests import factories
from tests.browser.pages import BROWSER_TEST, log_in
from tests.security.conftest import PDF

pytestmark = BROWSER_TEST

PROOF = "Doklad o potřebnosti"


@pytest.fixture(autouse=True)
def _czech() -> Iterator[None]:
    with translation.override("cs"):
        yield


def _with_password(user: User) -> User:
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def test_a_call_with_form_a_requires_the_proof_of_need(
    new_page: Callable[[], Page],
    regional_officer: User,
    provider_user: User,
    service: SocialService,
    liberec_orp: Orp,
    tmp_path: Path,
    screenshot: Callable[[Page, str], Path],
) -> None:
    call = factories.CallFactory(open=True, name="Výzva 2026 – rozvojové záměry")
    _with_password(regional_officer)
    _with_password(provider_user)

    # The regional officer: form A for new services, with the proof of need in PDF.
    office = new_page()
    log_in(office, "kraj", prefix="")
    office.goto(f"/calls/{call.pk}/")
    office.get_by_role("link", name=_("Request forms and documents")).first.click()
    office.get_by_role("link", name=_("Add a request form")).click()
    office.get_by_label(_("code").capitalize()).fill("A")
    office.get_by_label(_("name").capitalize()).fill("Nová sociální služba")
    office.get_by_label(str(_("inclusion of a new service"))).check()
    office.get_by_role("button", name=_("Save")).click()
    expect(office.locator("main")).to_contain_text(_("The request form was saved."))
    office.get_by_role("link", name=_("Add a required document")).click()
    office.get_by_label(_("name").capitalize()).fill(PROOF)
    office.get_by_label("PDF", exact=True).check()
    office.get_by_role("button", name=_("Save")).click()
    expect(office.locator("main")).to_contain_text(f"{PROOF} (PDF)")
    screenshot(office, "call-forms-1-configured")
    form = RequestForm.objects.get(call=call)
    assert (form.code, form.kinds) == ("A", ["inclusion"])
    assert list(form.documents.values_list("name", "file_types")) == [(PROOF, ["pdf"])]

    # The provider files a form-A plan without the document.
    desk = new_page()
    log_in(desk, "tulipan", prefix="")
    desk.goto("/plans/new/")
    desk.locator("#plan_call").select_option(str(call.pk))
    desk.locator("#plan_service").select_option(str(service.pk))
    desk.locator("#plan_kind").select_option("inclusion")
    desk.locator("#plan_capacity_requested").fill("3")
    desk.locator(f"#plan_orps input[value='{liberec_orp.pk}']").check()
    desk.locator("#plan_justification").fill("Potřeba podle komunitního plánu města Liberec.")
    desk.get_by_label(_("Request form")).select_option(str(form.pk))
    desk.get_by_role("button", name=_("Save the draft")).click()
    expect(desk.locator("main")).to_contain_text(_("The draft was saved."))
    plan = DevelopmentPlan.objects.get(service=service)
    assert plan.request_form == form
    expect(desk.locator("#required-documents li[data-present='0']")).to_contain_text(PROOF)

    desk.get_by_role("link", name=_("Submit…")).click()
    refusal = _("The plan is incomplete: %(missing)s.") % {
        "missing": _("document “%(name)s”") % {"name": PROOF}
    }
    expect(desk.locator("main .error-summary")).to_contain_text(refusal)
    expect(desk.locator("main form button[type=submit]")).to_have_count(0)
    screenshot(desk, "call-forms-2-refused")
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT
    desk.get_by_role("link", name=_("Back to the plan")).click()

    # It attaches the proof of need and submits.
    document = tmp_path / "potrebnost.pdf"
    document.write_bytes(PDF)
    desk.locator("#attachment_kind").select_option("proof_of_need")
    desk.get_by_label(_("Required document")).select_option(label=PROOF)
    desk.locator("#attachment_file").set_input_files(str(document))
    desk.locator("#attachments form button[type=submit]").click()
    expect(desk.locator("#required-documents li[data-present='1']")).to_contain_text(PROOF)
    screenshot(desk, "call-forms-3-document-present")
    desk.get_by_role("link", name=_("Submit…")).click()
    desk.get_by_role("button", name=_("Submit the plan")).click()
    expect(desk.locator("main")).to_contain_text(_("The plan was submitted."))
    plan.refresh_from_db()
    assert plan.state == PlanState.AWAITING_OPINION
    assert plan.attachments.get().requirement == form.documents.get()
