"""The plan list makes the same number of queries for one plan as for a full page, for every
role; the plan page makes as many for a plan with one attachment, opinion, document and
message as for a plan with several, and reads each of them once; the plan page's timeline
reads the state logs of its own plan and opinions only."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.clarifications.services import message_post
from backend.documents.models import DocumentKind
from backend.documents.services import document_create
from backend.plans.choices import AttachmentKind
from backend.plans.models import DevelopmentPlan, PlanAttachment
from backend.timeline.sources import plan_state_logs
from backend.web.plans import listing
from tests import factories
from tests.web.pages import listed_plans

ROLES = ["regional_officer", "municipal_officer", "provider_user"]
URLS = [{}, {"state": "awaiting_decision", "sort": "state"}, {"sort": "-score"}]


def _queries(client: Client, query: dict[str, str]) -> tuple[int, int]:
    """(queries, plans listed) of the plan list with the given filters."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("plans:list"), query)
    assert response.status_code == 200
    return len(captured.captured_queries), len(listed_plans(response))


def _opened_plan(make_plan: Callable[..., DevelopmentPlan], officer: Any, orps: list) -> None:
    """A plan awaiting the decision with an assignee, its territory, an opinion and a
    message: each column the list shows."""
    plan = make_plan("awaiting_decision", assignee=officer, orps=orps)
    factories.opinion_in_state("issued", plan=plan)


@pytest.mark.parametrize("role", ROLES)
def test_the_plan_list_makes_as_many_queries_for_a_full_page_as_for_one_plan(
    role: str,
    client_as: Callable[[str], Client],
    make_plan: Callable[..., DevelopmentPlan],
    regional_officer: Any,
    liberec_orp: Any,
    tanvald_orp: Any,
) -> None:
    client = client_as(role)
    _opened_plan(make_plan, regional_officer, [liberec_orp])
    client.get(reverse("plans:list"))  # the session and the content types read once
    one = {repr(query): _queries(client, query) for query in URLS}
    for _ in range(listing.PAGE_SIZE + 2):
        _opened_plan(make_plan, regional_officer, [liberec_orp, tanvald_orp])
    full = {repr(query): _queries(client, query) for query in URLS}
    for query in one:
        assert one[query][1] == 1
        assert full[query][1] == listing.PAGE_SIZE
        assert full[query][0] == one[query][0], query


# The plan page's queries by role (issue 23: 28–35 before the page read its plan's
# territory, attachments, documents, period and decision once each).
PAGE_QUERIES = {
    "regional_officer": 26,
    "municipal_officer": 24,
    "council_secretary": 20,
    "provider_user": 21,
}


def _page_queries(client: Client, plan: DevelopmentPlan) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("plans:detail", args=[plan.pk]))
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _add_records(plan: DevelopmentPlan, officer: Any, municipality: Any, number: int) -> None:
    """An attachment, an opinion (with its document), a version of the plan's document and a
    message more."""
    PlanAttachment.objects.create(
        plan=plan,
        kind=AttachmentKind.BUDGET,
        file=SimpleUploadedFile(f"rozpocet-{number}.pdf", b"%PDF-1.4 rozpocet"),
        original_name=f"rozpocet-{number}.pdf",
        size=17,
    )
    opinion = factories.opinion_in_state("issued", plan=plan, municipality=municipality)
    document_create(kind=DocumentKind.OPINION, plan_id=plan.pk, opinion_id=opinion.pk)
    document_create(kind=DocumentKind.PLAN, plan_id=plan.pk)
    message_post(plan=plan, by=officer, audience="provider", body=f"Dotaz {number}.")


@pytest.mark.parametrize("role", list(PAGE_QUERIES))
def test_the_plan_page_makes_as_many_queries_for_many_records_as_for_one(
    role: str,
    client_as: Callable[[str], Client],
    make_plan: Callable[..., DevelopmentPlan],
    regional_officer: Any,
    liberec: Any,
    tanvald: Any,
    liberec_orp: Any,
    tanvald_orp: Any,
) -> None:
    client = client_as(role)
    plan = make_plan("awaiting_decision", assignee=regional_officer, orps=[liberec_orp])
    _add_records(plan, regional_officer, liberec, 1)
    client.get(reverse("plans:detail", args=[plan.pk]))  # the content types read once
    one = _page_queries(client, plan)
    plan.orps.add(tanvald_orp)
    plan.municipalities.add(tanvald)
    _add_records(plan, regional_officer, tanvald, 2)
    for number in range(3, 5):
        PlanAttachment.objects.create(
            plan=plan,
            kind=AttachmentKind.OTHER,
            file=SimpleUploadedFile(f"priloha-{number}.pdf", b"%PDF-1.4 priloha"),
            original_name=f"priloha-{number}.pdf",
            size=16,
        )
    many = _page_queries(client, plan)
    assert len(many) == len(one) == PAGE_QUERIES[role], "\n".join(many)
    # Each of the plan's attachments and documents is read once for the whole page.
    for table in ("plans_planattachment", "documents_document", "plans_regionaldecision"):
        assert sum(f'FROM "{table}"' in sql for sql in many) <= 1, table


def test_the_timeline_reads_the_logs_of_the_plan_and_of_its_opinions_only(
    make_plan: Callable[..., DevelopmentPlan], regional_officer: Any
) -> None:
    from django_fsm_log.models import StateLog

    plan = make_plan("awaiting_opinion")
    other = make_plan("awaiting_opinion")
    ours = factories.opinion_in_state("requested", plan=plan)
    theirs = factories.opinion_in_state("requested", plan=other)
    logs = [
        StateLog.objects.create(content_object=subject, transition="t", source_state="a", state="b")
        for subject in (plan, other, ours, theirs)
    ]
    assert {log.pk for log in plan_state_logs(plan)} == {logs[0].pk, logs[2].pk}
    assert {log.pk for log in plan_state_logs(other)} == {logs[1].pk, logs[3].pk}
