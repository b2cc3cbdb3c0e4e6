"""The actions that are not workflow transitions: filing and editing a draft, attachments,
adding a service, announcing and editing a call, and deciding many plans at once."""

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from backend.calls.models import Call
from backend.core.deadlines import end_of_day
from backend.network.models import NetworkEntry
from backend.plans.models import DevelopmentPlan, PlanAttachment
from backend.registry.models import SocialService
from tests import factories
from tests.helpers import prague, reload, resolution_post
from tests.web.pages import field_value, selected_values, text


def _edit_form(**changes: Any) -> dict[str, Any]:
    return {
        "kind": "capacity_increase",
        "capacity_current": "3",
        "capacity_requested": "12",
        "justification": "Upraveno po konzultaci s městem.",
        **changes,
    }


class TestFilingAPlan:
    def test_the_provider_saves_a_new_draft(
        self, client_as: Callable[[str], Client], plan_form: dict[str, Any], provider_user: Any
    ) -> None:
        response = client_as("provider_user").post(reverse("plans:create"), plan_form)
        plan = DevelopmentPlan.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("plans:detail", args=[plan.pk])
        assert (plan.state, plan.capacity_requested, plan.created_by) == (
            "draft",
            Decimal(15),
            provider_user,
        )
        assert [orp.code for orp in plan.orps.all()] == ["5105"]

    @pytest.mark.parametrize("role", ["municipal_officer", "council_secretary", "regional_officer"])
    def test_only_providers_file_plans(
        self, client_as: Callable[[str], Client], plan_form: dict[str, Any], role: str
    ) -> None:
        assert client_as(role).post(reverse("plans:create"), plan_form).status_code == 403
        assert not DevelopmentPlan.objects.exists()

    def test_another_providers_service_cannot_be_chosen(
        self, client_as: Callable[[str], Client], plan_form: dict[str, Any]
    ) -> None:
        response = client_as("other_provider_user").post(reverse("plans:create"), plan_form)
        assert response.status_code == 400
        assert "Select a valid choice." in text(response)
        assert not DevelopmentPlan.objects.exists()

    def test_a_closed_call_cannot_be_chosen(
        self, client_as: Callable[[str], Client], plan_form: dict[str, Any]
    ) -> None:
        closed = factories.CallFactory(closed=True)
        response = client_as("provider_user").post(
            reverse("plans:create"), {**plan_form, "call": closed.pk}
        )
        assert response.status_code == 400
        assert "Select a valid choice." in text(response)
        assert not DevelopmentPlan.objects.exists()

    def test_the_form_offers_the_service_chosen_in_the_list(
        self, client_as: Callable[[str], Client], service: SocialService
    ) -> None:
        response = client_as("provider_user").get(reverse("plans:create"), {"service": service.pk})
        assert selected_values(response, "service") == [str(service.pk)]


class TestEditingADraft:
    @pytest.mark.parametrize("state", ["draft", "returned"])
    def test_the_provider_edits_a_draft_or_a_returned_plan(
        self, client_as: Callable[[str], Client], make_plan: Callable[..., Any], state: str
    ) -> None:
        plan = make_plan(state)
        response = client_as("provider_user").post(
            reverse("plans:edit", args=[plan.pk]), _edit_form()
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("plans:detail", args=[plan.pk])
        plan = reload(plan)
        assert (plan.capacity_requested, plan.state) == (Decimal(12), state)

    def test_the_form_starts_with_the_draft(
        self, client_as: Callable[[str], Client], make_plan: Callable[..., Any]
    ) -> None:
        plan = make_plan("draft")
        response = client_as("provider_user").get(reverse("plans:edit", args=[plan.pk]))
        assert field_value(response, "capacity_requested") == "15"  # as Czech writes it
        assert plan.justification in text(response)

    @pytest.mark.parametrize(
        ("role", "status"), [("regional_officer", 403), ("other_provider_user", 404)]
    )
    def test_nobody_else_edits_it(
        self,
        client_as: Callable[[str], Client],
        make_plan: Callable[..., Any],
        role: str,
        status: int,
    ) -> None:
        plan = make_plan("draft")
        response = client_as(role).post(reverse("plans:edit", args=[plan.pk]), _edit_form())
        assert response.status_code == status
        assert reload(plan).capacity_requested == Decimal(15)

    @pytest.mark.parametrize("state", ["awaiting_opinion", "included", "withdrawn"])
    def test_a_submitted_plan_is_not_edited(
        self, client_as: Callable[[str], Client], make_plan: Callable[..., Any], state: str
    ) -> None:
        plan = make_plan(state)
        response = client_as("provider_user").post(
            reverse("plans:edit", args=[plan.pk]), _edit_form()
        )
        assert response.status_code == 409
        assert "Only a draft or a plan returned for completion can be edited." in text(response)
        assert reload(plan).capacity_requested == Decimal(15)


def _upload(name: str = "rozpocet.pdf", content: bytes = b"%PDF-1.4 rozpocet") -> dict[str, Any]:
    return {"kind": "budget", "file": SimpleUploadedFile(name, content)}


class TestAttachments:
    def test_the_provider_attaches_a_document_and_everyone_in_scope_downloads_it(
        self, client_as: Callable[[str], Client], make_plan: Callable[..., Any]
    ) -> None:
        plan = make_plan("draft")
        provider = client_as("provider_user")
        response = provider.post(reverse("plans:attachment_upload", args=[plan.pk]), _upload())
        assert response.status_code == 302
        assert response["Location"] == reverse("plans:detail", args=[plan.pk])
        attachment = PlanAttachment.objects.get(plan=plan)
        assert (attachment.original_name, attachment.kind) == ("rozpocet.pdf", "budget")
        assert "The document was attached." in text(provider.get(response["Location"]))

        url = reverse("plans:attachment_download", args=[plan.pk, attachment.pk])
        download = provider.get(url)
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == b"%PDF-1.4 rozpocet"
        assert 'filename="rozpocet.pdf"' in download["Content-Disposition"]
        assert client_as("regional_officer").get(url).status_code == 200
        assert client_as("other_provider_user").get(url).status_code == 404

    def test_with_htmx_only_the_attachment_list_comes_back(
        self, client_as: Callable[[str], Client], make_plan: Callable[..., Any]
    ) -> None:
        plan = make_plan("draft")
        response = client_as("provider_user").post(
            reverse("plans:attachment_upload", args=[plan.pk]), _upload(), HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 200
        page = text(response)
        assert page.startswith('<section id="attachments"')
        assert "rozpocet.pdf" in page
        assert "<html" not in page

    def test_only_the_provider_attaches(
        self, client_as: Callable[[str], Client], make_plan: Callable[..., Any]
    ) -> None:
        plan = make_plan("awaiting_opinion")
        url = reverse("plans:attachment_upload", args=[plan.pk])
        assert client_as("municipal_officer").post(url, _upload()).status_code == 403
        assert client_as("other_provider_user").post(url, _upload()).status_code == 404
        assert not PlanAttachment.objects.exists()

    def test_not_to_a_submitted_plan(
        self, client_as: Callable[[str], Client], make_plan: Callable[..., Any]
    ) -> None:
        plan = make_plan("awaiting_opinion")
        response = client_as("provider_user").post(
            reverse("plans:attachment_upload", args=[plan.pk]), _upload()
        )
        assert response.status_code == 409
        assert "Documents can be added only to a draft or a returned plan." in text(response)
        assert not PlanAttachment.objects.exists()


class TestAddingAService:
    @pytest.fixture
    def service_form(self, liberec_orp: Any) -> dict[str, Any]:
        return {
            "name": "Podpora samostatného bydlení TULIPAN",
            "registration_number": "",
            "registered_on": "",
            "service_type": factories.service_type("43").pk,
            "form": "field",
            "orps": [liberec_orp.pk],
        }

    def test_the_provider_adds_a_service_and_goes_on_to_a_plan_for_it(
        self, client_as: Callable[[str], Client], service_form: dict[str, Any], provider: Any
    ) -> None:
        response = client_as("provider_user").post(reverse("plans:service_create"), service_form)
        added = SocialService.objects.get(name=service_form["name"])
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('plans:create')}?service={added.pk}"
        assert (added.provider, added.capacity_unit) == (provider, "flats")

    def test_others_do_not_add_services(
        self, client_as: Callable[[str], Client], service_form: dict[str, Any]
    ) -> None:
        response = client_as("regional_officer").post(reverse("plans:service_create"), service_form)
        assert response.status_code == 403
        assert not SocialService.objects.filter(name=service_form["name"]).exists()

    def test_a_user_of_two_providers_chooses_whose_service_it_is(
        self,
        client_as: Callable[[str], Client],
        service_form: dict[str, Any],
        provider_user: Any,
        provider: Any,
        other_provider: Any,
    ) -> None:
        factories.MembershipFactory(user=provider_user, provider=other_provider)
        client = client_as("provider_user")
        page = text(client.get(reverse("plans:service_create")))
        assert provider.name in page and other_provider.name in page

        response = client.post(
            reverse("plans:service_create"), {**service_form, "provider": other_provider.pk}
        )
        assert response.status_code == 302
        assert SocialService.objects.get(name=service_form["name"]).provider == other_provider

    def test_a_provider_that_is_not_the_users_cannot_be_chosen(
        self,
        client_as: Callable[[str], Client],
        service_form: dict[str, Any],
        provider_user: Any,
        other_provider: Any,
    ) -> None:
        factories.MembershipFactory(
            user=provider_user, provider=factories.ProviderFactory(name="Třetí, z. s.")
        )
        response = client_as("provider_user").post(
            reverse("plans:service_create"), {**service_form, "provider": other_provider.pk}
        )
        assert response.status_code == 400
        assert not SocialService.objects.filter(name=service_form["name"]).exists()

    def test_a_user_of_one_provider_is_not_asked(
        self, client_as: Callable[[str], Client], provider: Any
    ) -> None:
        response = client_as("provider_user").get(reverse("plans:service_create"))
        assert 'name="provider"' not in response.content.decode()

    def test_a_form_the_type_does_not_allow_is_refused(
        self, client_as: Callable[[str], Client], service_form: dict[str, Any]
    ) -> None:
        response = client_as("provider_user").post(
            reverse("plans:service_create"), {**service_form, "form": "residential"}
        )
        assert response.status_code == 400
        assert "cannot be provided in the form “residential”" in text(response)
        assert field_value(response, "name") == "Podpora samostatného bydlení TULIPAN"


class TestCalls:
    @pytest.fixture
    def call_form(self, db: None) -> dict[str, Any]:
        return {
            "name": "Výzva 2027",
            "period": factories.NetworkPeriodFactory(start_year=2027, end_year=2029).pk,
            "opens_at": "2027-01-04T08:00",
            "closes_at": "2027-01-29T23:59:59",
            "opinion_deadline_days": "10",
            "council_deadline_days": "10",
            "decision_date_days": "10",
            "completion_days": "10",
            "opinion_routing": "orp_seat",
            "council_for_commitments": "on",
        }

    def test_the_regional_officer_announces_a_call(
        self, client_as: Callable[[str], Client], call_form: dict[str, Any]
    ) -> None:
        response = client_as("regional_officer").post(reverse("calls:create"), call_form)
        call = Call.objects.get(name="Výzva 2027")
        assert response.status_code == 302
        assert response["Location"] == reverse("calls:detail", args=[call.pk])
        assert (call.state, call.region.code, str(call.period)) == ("planned", "CZ051", "2027–2029")

    @pytest.mark.parametrize("role", ["provider_user", "municipal_officer"])
    def test_only_the_regional_office_announces_calls(
        self, client_as: Callable[[str], Client], call_form: dict[str, Any], role: str
    ) -> None:
        assert client_as(role).post(reverse("calls:create"), call_form).status_code == 403
        assert not Call.objects.filter(name="Výzva 2027").exists()

    def test_the_deadlines_are_changed_before_the_call_opens(
        self, client_as: Callable[[str], Client], call_form: dict[str, Any]
    ) -> None:
        call = factories.CallFactory()
        response = client_as("regional_officer").post(
            reverse("calls:edit", args=[call.pk]), {**call_form, "opinion_deadline_days": "15"}
        )
        assert response.status_code == 302
        assert reload(call).opinion_deadline_days == 15

    def test_not_after_it_opened(
        self, client_as: Callable[[str], Client], call_form: dict[str, Any], open_call: Call
    ) -> None:
        response = client_as("regional_officer").post(
            reverse("calls:edit", args=[open_call.pk]), {**call_form, "opinion_deadline_days": "15"}
        )
        assert response.status_code == 409
        assert "The deadlines can be changed only before the call opens." in text(response)
        assert field_value(response, "opinion_deadline_days") == "15"
        assert reload(open_call).opinion_deadline_days == 10

    def test_nobody_else_edits_a_call(
        self, client_as: Callable[[str], Client], call_form: dict[str, Any]
    ) -> None:
        call = factories.CallFactory()
        response = client_as("municipal_officer").post(
            reverse("calls:edit", args=[call.pk]), call_form
        )
        assert response.status_code == 403
        assert reload(call).name == call.name

    def test_a_call_that_closes_before_it_opens_is_refused(
        self, client_as: Callable[[str], Client], call_form: dict[str, Any]
    ) -> None:
        response = client_as("regional_officer").post(
            reverse("calls:create"), {**call_form, "closes_at": "2027-01-01T00:00"}
        )
        assert response.status_code == 400
        assert "The call must close after it opens." in text(response)
        assert field_value(response, "name") == "Výzva 2027"

    def test_the_call_page_shows_the_deadlines_and_the_plans_per_state(
        self, client_as: Callable[[str], Client], make_plan: Callable[..., Any]
    ) -> None:
        """The 2017 call closed on Friday 4 Aug; each step took 10 working days."""
        call = factories.CallFactory(
            closed=True, opens_at=prague(2017, 7, 31), closes_at=end_of_day(dt.date(2017, 8, 4))
        )
        for state in ("draft", "awaiting_decision", "awaiting_decision"):
            make_plan(state, call=call)
        page = text(client_as("regional_officer").get(reverse("calls:detail", args=[call.pk])))
        assert "Closes: 4 Aug 2017 23:59:59" in page
        assert _deadline_of(page, "Opinion deadline") == "2017-08-18"
        assert _deadline_of(page, "Council deadline") == "2017-09-01"
        assert _deadline_of(page, "Decision date") == "2017-09-15"
        assert _count_of(page, "awaiting regional decision") == "2"
        assert _count_of(page, "draft") == "1"
        assert _count_of(page, "included") == "0"


def _deadline_of(page: str, step: str) -> str:
    found = re.search(rf'{step}: <span class="deadline[^"]*"><time datetime="([\d-]+)">', page)
    assert found is not None, step
    return found.group(1)


def _count_of(page: str, state: str) -> str:
    found = re.search(rf'<tr><td>{state}</td><td class="num"><a [^>]*>(\d+)</a>', page)
    assert found is not None, state
    return found.group(1)


DECISION = {
    "outcome": "included",
    "body": "regional_council",
    "resolution_number": "402/17/ZK",
    "resolution_date": "2017-09-12",
}


class TestBulkDecision:
    def test_one_resolution_decides_the_selected_plans_and_reports_each_refusal(
        self, client_as: Callable[[str], Client], make_plan: Callable[..., Any]
    ) -> None:
        first, second = make_plan("awaiting_decision"), make_plan("awaiting_decision")
        not_ready = make_plan("awaiting_opinion")
        client = client_as("regional_officer")
        response = client.post(
            reverse("plans:bulk_decide"),
            {
                **DECISION,
                "plans": [first.pk, second.pk, not_ready.pk],
                "query": "state=awaiting_decision&sort=provider",
            },
        )
        assert response.status_code == 302
        assert (
            response["Location"] == f"{reverse('plans:list')}?state=awaiting_decision&sort=provider"
        )
        assert [reload(plan).state for plan in (first, second, not_ready)] == [
            "included",
            "included",
            "awaiting_opinion",
        ]
        assert NetworkEntry.objects.get().capacity == Decimal(15)
        page = text(client.get(response["Location"]))
        assert "2 plans decided." in page
        assert (
            f"{not_ready}: This action is not possible while the development plan is in the "
            "state “awaiting municipal opinion”."
        ) in page

    def test_an_incomplete_decision_decides_nothing(
        self, client_as: Callable[[str], Client], make_plan: Callable[..., Any]
    ) -> None:
        plan = make_plan("awaiting_decision")
        client = client_as("regional_officer")
        response = client.post(
            reverse("plans:bulk_decide"), {**DECISION, "resolution_number": "", "plans": [plan.pk]}
        )
        assert response.status_code == 302
        assert reload(plan).state == "awaiting_decision"
        page = text(client.get(response["Location"]))
        assert "Select plans and fill in the decision completely." in page
        assert "Resolution no.: This field is required." in page

    @pytest.mark.parametrize("role", ["provider_user", "municipal_officer"])
    def test_only_the_regional_office_decides(
        self, client_as: Callable[[str], Client], make_plan: Callable[..., Any], role: str
    ) -> None:
        plan = make_plan("awaiting_decision")
        response = client_as(role).post(
            reverse("plans:bulk_decide"), {**DECISION, "plans": [plan.pk]}
        )
        assert response.status_code == 403
        assert reload(plan).state == "awaiting_decision"


def test_the_resolution_document_is_kept_with_the_resolution(
    client_as: Callable[[str], Client], make_opinion: Callable[..., Any]
) -> None:
    opinion = make_opinion("awaiting_council")
    response = resolution_post(
        client_as("council_secretary"),
        opinion,
        document=SimpleUploadedFile("usneseni-827-2017.pdf", b"%PDF-1.4 usneseni"),
    )
    assert response.status_code == 302
    resolution = reload(opinion).resolution
    assert (resolution.number, resolution.meeting_date.isoformat()) == ("827/2017", "2017-08-29")
    assert resolution.document.name.startswith(f"resolutions/{opinion.municipality_id}/")
    assert resolution.document.name.endswith(".pdf")
    assert resolution.document.read() == b"%PDF-1.4 usneseni"
    assert reload(opinion.plan).state == "awaiting_decision"
