"""XSS payloads in every free-text field people type — the plan's justification, what to
complete, comments of withdraw/resubmit/return, opinion and decision conditions, resolution
numbers, deadline reasons, service and provider names, attachment names — come out as
literal text: escaped in the HTML pages and the HTML e-mails, plain in the text e-mails,
the PDFs' text and the API's JSON."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from backend.documents.models import Document
from backend.machines.opinion_review.states import Verdict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState
from backend.network.models import NetworkEntry
from backend.plans.choices import AttachmentKind, DecidingBody, ResolutionOutcome
from backend.plans.services import attachment_add, plan_create
from notifications.tasks import outbox_drain_task
from tests import factories
from tests.documents.test_documents import pdf_text
from tests.uploads.samples import PDF
from workflows.deadlines import plan_extend_deadline
from workflows.opinion_review.actions import (
    opinion_draft,
    opinion_record_resolution,
    opinion_send_to_council,
)
from workflows.plan_review.actions import (
    plan_decide,
    plan_resubmit,
    plan_return_for_completion,
    plan_submit,
    plan_withdraw,
)

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "attribute": '"><img src=x onerror=alert(1)>',
    "javascript link": "javascript:alert(document.cookie)",
}
# What must never reach an HTML page or an HTML e-mail unescaped.
DANGEROUS = ["<script>alert", "<img src=x", 'href="javascript:', "href='javascript:"]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(params=PAYLOADS)
def payload(request: pytest.FixtureRequest) -> str:
    return PAYLOADS[request.param]


@pytest.fixture
def journey(
    payload: str,
    provider: Any,
    liberec_orp: Any,
    open_call: Any,
    provider_user: Any,
    municipal_officer: Any,
    council_secretary: Any,
    regional_officer: Any,
    django_capture_on_commit_callbacks: Any,
) -> dict[str, Any]:
    """A plan that went through every step, the payload typed into every free-text field."""
    provider.name = payload
    provider.save()
    service = factories.SocialServiceFactory(provider=provider, name=payload, orps=[liberec_orp])
    plan = plan_create(
        by=provider_user,
        call=open_call,
        service=service,
        kind=PlanKind.CAPACITY_INCREASE,
        capacity_current=Decimal(3),
        capacity_requested=Decimal(15),
        justification=payload,
        orps=[liberec_orp],
    )
    attachment_add(
        plan=plan,
        by=provider_user,
        kind=AttachmentKind.OTHER,
        file=SimpleUploadedFile(payload.replace("/", "") + ".pdf", PDF),
    )

    def step(action: Callable[..., Any], **kwargs: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return action(**kwargs)

    step(plan_submit, plan=plan, by=provider_user)
    step(plan_return_for_completion, plan=plan, by=regional_officer, reason=payload)
    step(plan_extend_deadline, plan=plan, by=regional_officer, reason=payload, working_days=5)
    step(plan_resubmit, plan=plan, by=provider_user, comment=payload)
    opinion = plan.opinions.get()
    step(
        opinion_draft,
        opinion=opinion,
        by=municipal_officer,
        verdict=Verdict.SUPPORTS_WITH_CONDITIONS,
        conditions=payload,
    )
    step(opinion_send_to_council, opinion=opinion, by=municipal_officer)
    step(
        opinion_record_resolution,
        opinion=opinion,
        by=council_secretary,
        number="827/2017",
        meeting_date=dt.date(2017, 8, 29),
        outcome=ResolutionOutcome.APPROVED,
    )
    step(
        plan_decide,
        plan=plan,
        by=regional_officer,
        outcome=PlanState.INCLUDED_WITH_CONDITIONS,
        body=DecidingBody.REGIONAL_ASSEMBLY,
        resolution_number=payload[:30],
        resolution_date=dt.date(2017, 9, 26),
        approved_capacity=Decimal(15),
        conditions=payload,
    )
    withdrawn = factories.DevelopmentPlanFactory(service=service, call=open_call)
    step(plan_withdraw, plan=withdrawn, by=provider_user, comment=payload)
    # The test's transaction never commits, so every step's drain was merged into the first
    # one's; drain the later steps' events as the scheduler's minute job would.
    step(outbox_drain_task)
    return {"plan": plan, "withdrawn": withdrawn, "opinion": opinion}


def _assert_escaped(html: str, payload: str) -> None:
    assert not [danger for danger in DANGEROUS if danger in html]
    assert escape(payload) in html  # shown, as text


@pytest.mark.parametrize("role", ["provider_user", "regional_officer"])
def test_the_pages_show_the_payloads_as_text(
    journey: dict[str, Any], payload: str, client_as: Callable[[str], Client], role: str
) -> None:
    client = client_as(role)
    plan, withdrawn = journey["plan"], journey["withdrawn"]
    entry = NetworkEntry.objects.get(service=plan.service)
    pages = [
        reverse("plans:detail", args=[plan.pk]),
        reverse("plans:detail", args=[withdrawn.pk]),
        reverse("plans:list"),
        reverse("network:entry", args=[entry.pk]),
        reverse("network:register"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_escaped(response.content.decode(), payload)
    detail = client.get(pages[0]).content.decode()
    # every field of the plan page: justification, return reason, comments, conditions,
    # the decision's resolution number, the attachment's name
    assert detail.count(escape(payload)) >= 5


def test_the_pdfs_carry_the_payloads_as_literal_text(journey: dict[str, Any], payload: str) -> None:
    documents = Document.objects.filter(plan=journey["plan"])
    assert {d.kind for d in documents} == {"plan", "opinion", "decision"}
    for document in documents:
        document.file.open("rb")
        text = pdf_text(document.file.read())
        document.file.close()
        # WeasyPrint would have run markup (an image, no text); the text proves it did not.
        assert _flat(payload)[:30] in text, document.kind


def test_the_e_mails_escape_the_html_part_and_keep_the_text_part_literal(
    journey: dict[str, Any], payload: str
) -> None:
    assert mail.outbox
    with_payload = [m for m in mail.outbox if payload in m.body]
    assert with_payload, [m.subject for m in mail.outbox]
    for message in mail.outbox:
        html = dict((mime, body) for body, mime in message.alternatives)["text/html"]
        assert not [danger for danger in DANGEROUS if danger in html], message.subject
        if payload in message.body:
            assert escape(payload) in html, message.subject


def test_the_api_returns_the_payloads_as_plain_strings(
    journey: dict[str, Any], payload: str, client_for: Any, regional_officer: Any
) -> None:
    plan = journey["plan"]
    api = client_for(regional_officer)
    detail = api.get(f"/api/v1/plans/{plan.pk}/")
    assert detail["Content-Type"] == "application/json"
    body = detail.json()
    assert body["justification"] == payload
    assert body["decision"]["conditions"] == payload
    log = api.get(f"/api/v1/plans/{plan.pk}/log/").json()
    assert payload in [entry["comment"] for entry in log]
    opinion = api.get(f"/api/v1/opinions/{journey['opinion'].pk}/").json()
    assert opinion["conditions"] == payload
    # JSON escapes nothing but quotes and backslashes; "<" stays "<" inside a string.
    assert payload.replace('"', '\\"') in detail.content.decode()


def test_the_in_app_inbox_shows_the_payloads_as_text(
    journey: dict[str, Any], payload: str, client: Client, provider_user: Any
) -> None:
    client.force_login(provider_user)
    response = client.get(reverse("notifications:inbox"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "No notifications." not in html  # the journey's notices are listed
    _assert_escaped(html, payload)
