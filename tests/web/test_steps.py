"""Steps that were confusing or missing (issue 16): withdrawing asks first, the submit page
offers no button it would refuse, the council's resolution can be downloaded, the call's
counts open the filtered list and the plan page shows the deadline that is running."""

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from backend.audit.models import AttachmentAccess
from backend.calls.models import Call
from backend.plans.models import CouncilResolution, DevelopmentPlan
from tests import factories
from tests.helpers import reload, state_logs
from tests.web.pages import text

# --- 5. withdrawing is a confirmed step, apart from the PDF download ------------------------


def test_the_plan_page_withdraws_nothing_by_one_click(
    client_as: Callable[[str], Client], make_plan: Callable[..., DevelopmentPlan]
) -> None:
    plan = make_plan("awaiting_opinion")
    page = text(client_as("provider_user").get(reverse("plans:detail", args=[plan.pk])))
    withdraw = reverse("plans:withdraw", args=[plan.pk])
    # No form on the plan page posts the withdrawal: it links to the confirmation.
    assert f'action="{withdraw}"' not in page
    assert re.search(rf'<a [^>]*href="{re.escape(withdraw)}"[^>]*>Withdraw…</a>', page)


def test_withdrawing_asks_for_confirmation_saying_it_cannot_be_undone(
    client_as: Callable[[str], Client], make_plan: Callable[..., DevelopmentPlan]
) -> None:
    plan = make_plan("awaiting_opinion")
    client = client_as("provider_user")
    url = reverse("plans:withdraw", args=[plan.pk])
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    page = text(confirmation)
    assert "Withdrawing cannot be undone." in page
    assert re.search(
        r'<form method="post">.*name="comment".*Withdraw the plan for good</button>', page, re.S
    )
    assert reload(plan).state == "awaiting_opinion"  # looking changes nothing

    done = client.post(url, {"comment": "Služba se stěhuje."})
    assert done.status_code == 302
    assert reload(plan).state == "withdrawn"
    assert state_logs(plan).last().description == "Služba se stěhuje."


def test_the_confirmation_is_only_for_the_provider_and_says_when_it_is_too_late(
    client_as: Callable[[str], Client], make_plan: Callable[..., DevelopmentPlan]
) -> None:
    plan = make_plan("awaiting_opinion")
    url = reverse("plans:withdraw", args=[plan.pk])
    assert client_as("regional_officer").get(url).status_code == 403
    assert client_as("other_provider_user").get(url).status_code == 404

    decided = make_plan("included")
    page = text(client_as("provider_user").get(reverse("plans:withdraw", args=[decided.pk])))
    assert "The plan cannot be withdrawn now:" in page
    assert "<button" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_in_czech_withdrawing_is_vzit_zpet_not_a_download(
    client_as: Callable[[str], Client], make_plan: Callable[..., DevelopmentPlan]
) -> None:
    plan = make_plan("awaiting_opinion")
    client = client_as("provider_user")
    with translation.override("cs"):
        page = text(client.get(reverse("plans:detail", args=[plan.pk])))
        confirmation = text(client.get(reverse("plans:withdraw", args=[plan.pk])))
    assert ">Vzít zpět…</a>" in page
    assert "Stáhnout jako PDF" in page
    # "Stáhnout" (download) is left only to the downloads.
    assert re.findall(r"Stáhnout(?! jako PDF)", page) == []
    assert "Vzetí zpět nelze vrátit." in confirmation


# --- 6. the submit page offers no button the submission would refuse -------------------------


def test_a_plan_that_cannot_be_submitted_gets_the_reasons_and_no_button(
    client_as: Callable[[str], Client], make_plan: Callable[..., DevelopmentPlan]
) -> None:
    plan = make_plan("draft", justification="")
    page = text(client_as("provider_user").get(reverse("plans:submit", args=[plan.pk])))
    assert "The plan cannot be submitted now:" in page
    assert "Submit the plan</button>" not in page
    assert '<form method="post">' not in page


def test_a_plan_ready_to_submit_gets_the_button(
    client_as: Callable[[str], Client], make_plan: Callable[..., DevelopmentPlan]
) -> None:
    plan = make_plan("draft")
    page = text(client_as("provider_user").get(reverse("plans:submit", args=[plan.pk])))
    assert "The plan cannot be submitted now:" not in page
    assert "Submit the plan</button>" in page


# --- 7. the council's resolution document is downloaded through a checked view --------------

PDF = b"%PDF-1.4 usneseni 827/2017"


@pytest.fixture
def resolved_plan(make_plan: Callable[..., DevelopmentPlan]) -> DevelopmentPlan:
    """A plan whose Liberec opinion was issued by resolution 827/2017 with its scan."""
    plan = make_plan("awaiting_decision")
    resolution = factories.CouncilResolutionFactory(
        number="827/2017", meeting_date=dt.date(2017, 8, 29)
    )
    resolution.document.save("scan.pdf", ContentFile(PDF))
    factories.opinion_in_state("issued", plan=plan, needs_council=True, resolution=resolution)
    return plan


def _download(response: Any) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "role", ["provider_user", "municipal_officer", "council_secretary", "regional_officer"]
)
def test_who_sees_the_plan_downloads_the_resolution_from_its_page(
    client_as: Callable[[str], Client], resolved_plan: DevelopmentPlan, role: str
) -> None:
    client = client_as(role)
    resolution = CouncilResolution.objects.get(number="827/2017")
    url = reverse("plans:resolution_document", args=[resolution.pk])
    page = text(client.get(reverse("plans:detail", args=[resolved_plan.pk])))
    assert f'<a href="{url}">the resolution document</a>' in page
    response = client.get(url)
    assert response.status_code == 200
    assert _download(response) == PDF
    assert 'attachment; filename="usneseni-827-2017.pdf"' in response["Content-Disposition"]
    assert "/media/" not in page
    assert AttachmentAccess.objects.filter(resolution=resolution).count() == 1


@pytest.mark.parametrize("role", ["other_provider_user", "tanvald_officer"])
def test_who_may_not_see_the_plan_gets_404_for_the_resolution(
    request: pytest.FixtureRequest, resolved_plan: DevelopmentPlan, role: str
) -> None:
    client = Client()
    client.force_login(request.getfixturevalue(role))
    resolution = CouncilResolution.objects.get(number="827/2017")
    response = client.get(reverse("plans:resolution_document", args=[resolution.pk]))
    assert response.status_code == 404
    assert not AttachmentAccess.objects.exists()


def test_a_resolution_without_a_document_is_404_and_not_linked(
    client_as: Callable[[str], Client], make_plan: Callable[..., DevelopmentPlan]
) -> None:
    plan = make_plan("awaiting_decision")
    resolution = factories.CouncilResolutionFactory()
    factories.opinion_in_state("issued", plan=plan, needs_council=True, resolution=resolution)
    client = client_as("provider_user")
    assert "the resolution document" not in text(
        client.get(reverse("plans:detail", args=[plan.pk]))
    )
    url = reverse("plans:resolution_document", args=[resolution.pk])
    assert client.get(url).status_code == 404


def test_the_admin_links_the_resolution_to_the_checked_download(
    request: pytest.FixtureRequest, resolved_plan: DevelopmentPlan
) -> None:
    officer = request.getfixturevalue("regional_officer")
    officer.is_staff = officer.is_superuser = True
    officer.save()
    client = Client()
    client.force_login(officer)
    resolution = CouncilResolution.objects.get(number="827/2017")
    page = text(client.get(reverse("admin:plans_councilresolution_change", args=[resolution.pk])))
    url = reverse("plans:resolution_document", args=[resolution.pk])
    assert f'<a href="{url}">usneseni-827-2017.pdf</a>' in page
    assert resolution.document.name not in page  # the stored path is never shown


# --- 8. the call's counts open the list filtered by the call and the state -------------------


def test_the_calls_counts_link_to_the_list_with_the_state(
    client_as: Callable[[str], Client],
    make_plan: Callable[..., DevelopmentPlan],
    open_call: Call,
) -> None:
    waiting = [make_plan("awaiting_opinion"), make_plan("awaiting_opinion")]
    draft = make_plan("draft")
    client = client_as("regional_officer")
    page = text(client.get(reverse("calls:detail", args=[open_call.pk])))
    row = re.search(r"<td>awaiting municipal opinion</td><td[^>]*><a href=\"([^\"]+)\">2</a>", page)
    assert row is not None
    link = row.group(1)
    assert link == f"{reverse('plans:list')}?call={open_call.pk}&state=awaiting_opinion"
    listed = text(client.get(link))
    for plan in waiting:
        assert f'href="{reverse("plans:detail", args=[plan.pk])}"' in listed
    assert f'href="{reverse("plans:detail", args=[draft.pk])}"' not in listed


# --- 9. the plan page shows the deadline that is running -----------------------------------


def test_an_opinion_at_the_council_shows_the_councils_deadline(
    client_as: Callable[[str], Client], make_plan: Callable[..., DevelopmentPlan]
) -> None:
    plan = make_plan("awaiting_council")
    factories.opinion_in_state(
        "awaiting_council",
        plan=plan,
        due_date=dt.date(2030, 3, 1),
        council_due=dt.date(2030, 4, 15),
    )
    with translation.override("cs"):
        page = text(client_as("provider_user").get(reverse("plans:detail", args=[plan.pk])))
    assert re.search(
        r'<dt>Lhůta pro usnesení rady</dt><dd><span [^>]*><time datetime="2030-04-15">', page
    )
    assert 'datetime="2030-03-01"' not in page


def test_an_opinion_being_drafted_shows_its_own_due_date(
    client_as: Callable[[str], Client], make_plan: Callable[..., DevelopmentPlan]
) -> None:
    plan = make_plan("awaiting_opinion")
    factories.opinion_in_state("drafted", plan=plan, due_date=dt.date(2030, 3, 1))
    page = text(client_as("provider_user").get(reverse("plans:detail", args=[plan.pk])))
    assert re.search(r'<dt>Opinion due</dt><dd><span [^>]*><time datetime="2030-03-01">', page)


# --- 10. the opinion's reasoning has its own field; re-saving a draft logs no transition -----

REASONING = "Služba odpovídá komunitnímu plánu města Liberec."


def _draft(client: Client, opinion: Any, **data: str) -> Any:
    fields = {"verdict": "supports", "reasoning": "", "conditions": "", "cofinancing_amount": ""}
    return client.post(reverse("plans:opinion_draft", args=[opinion.pk]), fields | data)


def test_the_officer_writes_the_reasoning_apart_from_the_conditions(
    client_as: Callable[[str], Client], make_opinion: Callable[..., Any]
) -> None:
    opinion = make_opinion("requested")
    client = client_as("municipal_officer")
    form = text(client.get(reverse("plans:detail", args=[opinion.plan.pk])))
    assert 'name="reasoning"' in form
    assert _draft(client, opinion, reasoning=REASONING).status_code == 302
    opinion = reload(opinion)
    assert (opinion.reasoning, opinion.conditions) == (REASONING, "")
    with translation.override("cs"):
        page = text(client_as("provider_user").get(reverse("plans:detail", args=[opinion.plan.pk])))
    assert f"<dt>Odůvodnění</dt><dd>{REASONING}</dd>" in page
    assert "<dt>Podmínky</dt>" not in page
    # The form comes back with the reasoning, to be edited.
    again = text(client.get(reverse("plans:detail", args=[opinion.plan.pk])))
    assert re.search(rf'<textarea name="reasoning"[^>]*>\s*{REASONING}</textarea>', again)


def test_saving_a_draft_again_writes_no_drafted_to_drafted_line(
    client_as: Callable[[str], Client],
    make_opinion: Callable[..., Any],
    municipal_officer: Any,
) -> None:
    opinion = make_opinion("requested")
    client = client_as("municipal_officer")
    _draft(client, opinion)
    _draft(client, opinion, verdict="does_not_support", reasoning=REASONING)
    opinion = reload(opinion)
    assert (opinion.state, opinion.verdict, opinion.reasoning) == (
        "drafted",
        "does_not_support",
        REASONING,
    )
    assert [(log.source_state, log.state) for log in state_logs(opinion)] == [
        ("requested", "drafted")
    ]
    with translation.override("cs"):
        page = text(client.get(reverse("plans:detail", args=[opinion.plan.pk])))
    assert "rozpracováno → <strong>rozpracováno</strong>" not in page
    # The change is still audited, with its author.
    latest = opinion.history.order_by("-history_id").first()
    assert (latest.reasoning, latest.history_user) == (REASONING, municipal_officer)


def test_the_admin_shows_the_reasoning(
    request: pytest.FixtureRequest, make_opinion: Callable[..., Any]
) -> None:
    opinion = make_opinion("drafted", reasoning=REASONING)
    officer = request.getfixturevalue("regional_officer")
    officer.is_staff = officer.is_superuser = True
    officer.save()
    client = Client()
    client.force_login(officer)
    with translation.override("cs"):
        page = text(client.get(reverse("admin:plans_municipalopinion_change", args=[opinion.pk])))
    assert "Odůvodnění" in page
    assert REASONING in page
