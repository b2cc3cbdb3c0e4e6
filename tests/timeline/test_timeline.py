"""One timeline of a plan (`backend/timeline/selectors.py`): state changes, changes of data,
deadline changes and documents, merged in time order, each role seeing what it may."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from backend.plans.models import DevelopmentPlan
from backend.plans.services import attachment_add, plan_update_draft
from backend.timeline.entries import TimelineEntry
from backend.timeline.selectors import plan_timeline
from tests import factories
from tests.helpers import prague, reload
from tests.web.pages import text
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
)

pytestmark = pytest.mark.django_db

# Monday 13 April 2026 on; one step a day at ten.
START = prague(2026, 4, 13, 10)


def _step(day: int) -> Any:
    return time_machine.travel(START + dt.timedelta(days=day), tick=False)


@pytest.fixture
def journey(
    service: Any,
    provider_user: Any,
    municipal_officer: Any,
    council_secretary: Any,
    regional_officer: Any,
    django_capture_on_commit_callbacks: Any,
) -> DevelopmentPlan:
    """TULIPAN's plan taken through: an edit of the draft, an attachment, submit, Liberec's
    draft, return for completion, an extension of the completion deadline, resubmit, a second
    draft, the council, the decision — one step a day, the documents generated."""
    with _step(0):
        call = factories.CallFactory(open=True)
        plan = factories.plan_in_state("draft", service=service, call=call)
    with _step(1):
        plan_update_draft(plan=plan, by=provider_user, capacity_requested=12)
    with _step(2):
        pdf = SimpleUploadedFile("rozpocet.pdf", b"%PDF-1.4 " + b"x" * 100)
        attachment_add(plan=plan, by=provider_user, kind="budget", file=pdf)
    with _step(3), django_capture_on_commit_callbacks(execute=True):
        plan_submit(plan=reload(plan), by=provider_user)
    opinion = reload(plan).opinions.get()
    with _step(4):
        opinion_draft(opinion=opinion, by=municipal_officer, verdict="supports")
    with _step(5):
        plan_return_for_completion(
            plan=reload(plan), by=regional_officer, reason="Doložte rozpočet.", due=None
        )
    with _step(6):
        plan_extend_deadline(
            plan=reload(plan), by=regional_officer, reason="Nemoc statutára.", working_days=3
        )
    with _step(7), django_capture_on_commit_callbacks(execute=True):
        plan_resubmit(plan=reload(plan), by=provider_user, comment="Rozpočet doložen.")
    with _step(8):
        opinion_draft(
            opinion=reload(opinion),
            by=municipal_officer,
            verdict="supports",
            reasoning="Služba v Liberci chybí.",
        )
    with _step(9):
        opinion_send_to_council(opinion=reload(opinion), by=municipal_officer)
    with _step(10), django_capture_on_commit_callbacks(execute=True):
        opinion_record_resolution(
            opinion=reload(opinion),
            by=council_secretary,
            number="827/2026",
            meeting_date=dt.date(2026, 4, 22),
            outcome="approved",
        )
    with _step(11), django_capture_on_commit_callbacks(execute=True):
        plan_decide(
            plan=reload(plan),
            by=regional_officer,
            outcome="included",
            body="regional_council",
            resolution_number="258/26/ZK",
            resolution_date=dt.date(2026, 4, 23),
        )
    return reload(plan)


def _lines(entries: list[TimelineEntry]) -> list[tuple[int, str, str, str, str | None]]:
    """(day, kind, subject, summary, user) of each entry."""
    return [
        (
            (entry.when - START).days,
            entry.kind,
            entry.subject_label,
            entry.summary,
            entry.username,
        )
        for entry in entries
    ]


OPINION = "Opinion of Liberec"
EVERYTHING = [
    (0, "fields", "Plan", "Plan created", None),
    (1, "fields", "Plan", "Data changed", "tulipan"),
    (2, "document", "Plan", "Attachment added: rozpocet.pdf (budget)", "tulipan"),
    (3, "state", "Plan", "Submit", "tulipan"),
    (3, "fields", OPINION, "Opinion requested", None),
    (3, "document", "Plan", "Document generated: …", "tulipan"),
    (4, "state", OPINION, "…", "liberec"),
    (5, "state", "Plan", "Return for completion", "kraj"),
    (6, "deadline", "Plan", "Extended by the regional office", "kraj"),
    (7, "deadline", OPINION, "Time with the provider for completion added", None),
    (7, "state", "Plan", "Resubmit", "tulipan"),
    (7, "document", "Plan", "Document generated: …", "tulipan"),
    (8, "fields", OPINION, "Data changed", "liberec"),
    (9, "state", OPINION, "…", "liberec"),
    (9, "state", "Plan", "Move on after the opinions", "liberec"),
    (10, "state", OPINION, "…", "liberec.rada"),
    (10, "state", "Plan", "Move on after the opinions", "liberec.rada"),
    (10, "fields", "Council resolution of Liberec no. 827/2026", "…", "liberec.rada"),
    (10, "document", OPINION, "Document generated: …", "liberec.rada"),
    (11, "state", "Plan", "Decide", "kraj"),
    (11, "fields", "Regional decision", "Decision recorded", "kraj"),
    (11, "document", "Plan", "Document generated: …", "kraj"),
]


def _matches(lines: list[Any], expected: list[Any]) -> bool:
    """Each line as expected; "…" ends a summary that is only checked up to it."""
    return len(lines) == len(expected) and all(
        line[:3] == want[:3]
        and line[4] == want[4]
        and (
            line[3].startswith(want[3].rstrip("…")) if want[3].endswith("…") else line[3] == want[3]
        )
        for line, want in zip(lines, expected, strict=True)
    )


def test_the_timeline_merges_everything_in_time_order(
    journey: DevelopmentPlan, regional_officer: Any
) -> None:
    entries = plan_timeline(plan=journey, user=regional_officer)
    lines = _lines(entries)
    assert _matches(lines, EVERYTHING), "\n".join(map(str, lines))


def test_each_entry_says_what_changed(journey: DevelopmentPlan, provider_user: Any) -> None:
    entries = plan_timeline(plan=journey, user=provider_user)
    by_day = {((e.when - START).days, e.kind, e.subject): e for e in entries}

    edit = by_day[(1, "fields", "plan")]
    assert [(c.field, c.old, c.new) for c in edit.changes] == [("capacity_requested", "15", "12")]

    returned = by_day[(5, "state", "plan")]
    assert (returned.source_state, returned.state) == ("awaiting_opinion", "returned")
    assert (returned.source_state_label, returned.state_label) == (
        "awaiting municipal opinion",
        "returned for completion",
    )
    assert returned.comment == "Doložte rozpočet."
    # The save of the transition: its deadline is told with it, not as a second entry.
    assert [c.field for c in returned.changes] == ["completion_due"]

    extension = by_day[(6, "deadline", "plan")]
    (moved,) = extension.changes
    assert (moved.field, moved.label) == ("completion_due", "Completion deadline")
    assert moved.old == returned.changes[0].new and moved.new != moved.old
    assert extension.comment == "Nemoc statutára."

    drafted = by_day[(4, "state", "opinion")]
    assert ("verdict", "–", "supports") in [(c.field, c.old, c.new) for c in drafted.changes]
    redrafted = by_day[(8, "fields", "opinion")]
    assert [(c.field, c.new) for c in redrafted.changes] == [
        ("reasoning", "Služba v Liberci chybí.")
    ]

    decision = by_day[(11, "fields", "decision")]
    assert ("resolution_number", "–", "258/26/ZK") in [
        (c.field, c.old, c.new) for c in decision.changes
    ]
    assert "updated_at" not in {c.field for e in entries for c in e.changes}
    assert "version" not in {c.field for e in entries for c in e.changes}


def test_the_regional_office_and_the_provider_see_the_draft_the_municipality_does_not(
    journey: DevelopmentPlan,
    provider_user: Any,
    municipal_officer: Any,
    council_secretary: Any,
    regional_officer: Any,
) -> None:
    full = _lines(plan_timeline(plan=journey, user=regional_officer))
    assert _lines(plan_timeline(plan=journey, user=provider_user)) == full
    drafting = [line for line in full if line[0] < 3 and line[1] == "fields"]
    assert len(drafting) == 2  # created, edited
    for user in (municipal_officer, council_secretary):
        seen = _lines(plan_timeline(plan=journey, user=user))
        assert seen == [line for line in full if line not in drafting]
    # The attachment is part of the submitted plan: everyone who sees the plan sees it.
    assert (2, "document", "Plan", "Attachment added: rozpocet.pdf (budget)", "tulipan") in seen


def test_the_timeline_reads_in_a_fixed_number_of_queries(
    journey: DevelopmentPlan,
    regional_officer: Any,
    municipal_officer: Any,
    django_assert_max_num_queries: Any,
) -> None:
    for user in (regional_officer, municipal_officer):
        user = type(user).objects.get(pk=user.pk)  # roles not cached yet
        plan = DevelopmentPlan.objects.select_related("call").get(pk=journey.pk)
        with django_assert_max_num_queries(QUERIES):
            entries = plan_timeline(plan=plan, user=user)
            [(e.who_name, e.summary, e.subject_label) for e in entries]


# Histories of the plan, the opinions, the resolutions and the decision, the transition log,
# the deadline changes, the attachments, the documents, the transitions a substitute made
# (events on behalf of someone) and the user's roles: the same for a plan with one step or a
# hundred.
QUERIES = 10


def test_the_query_count_does_not_grow_with_the_history(
    journey: DevelopmentPlan,
    provider_user: Any,
    regional_officer: Any,
    django_assert_max_num_queries: Any,
) -> None:
    plan = reload(journey)
    for number in range(10):
        plan.justification = f"Verze {number}."
        plan.save()
    user = type(regional_officer).objects.get(pk=regional_officer.pk)
    plan = DevelopmentPlan.objects.select_related("call").get(pk=journey.pk)
    with django_assert_max_num_queries(QUERIES):
        entries = plan_timeline(plan=plan, user=user)
    assert len(entries) == len(EVERYTHING) + 10


def test_the_plan_page_shows_the_timeline(
    journey: DevelopmentPlan, client_as: Callable[[str], Client]
) -> None:
    for role in ("provider_user", "municipal_officer", "regional_officer"):
        page = text(client_as(role).get(reverse("plans:detail", args=[journey.pk])))
        history = page.split("<h2>History</h2>", 1)[1]
        assert 'data-kind="deadline"' in history
        assert "Extended by the regional office" in history and "Nemoc statutára." in history
        assert "Attachment added: rozpocet.pdf" in history
        assert "Requested capacity: 15 → 12" in history or role == "municipal_officer"
        assert ("Plan created" in history) == (role != "municipal_officer")


def test_the_plan_page_shows_the_timeline_in_czech(
    journey: DevelopmentPlan, client_as: Callable[[str], Client]
) -> None:
    with translation.override("cs"):
        page = text(client_as("regional_officer").get(reverse("plans:detail", args=[journey.pk])))
    history = page.split("<h2>Historie</h2>", 1)[1]
    assert "Změna lhůty" in history
    assert "Rozvojový záměr založen" in history


def test_the_api_log_returns_the_timeline(
    journey: DevelopmentPlan, client_for: Any, provider_user: Any, municipal_officer: Any
) -> None:
    log = client_for(provider_user).get(f"/api/v1/plans/{journey.pk}/log/").json()
    assert len(log) == len(EVERYTHING)
    assert {entry["kind"] for entry in log} == {"state", "fields", "deadline", "document"}
    extension = next(entry for entry in log if entry["kind"] == "deadline")
    assert extension["subject"] == "plan" and extension["by"] == "kraj"
    assert extension["comment"] == "Nemoc statutára."
    assert extension["transition"] is None
    assert extension["changes"][0]["field"] == "completion_due"
    # The transitions alone, as the log was before it became the timeline.
    states = (
        client_for(provider_user).get(f"/api/v1/plans/{journey.pk}/log/", {"kind": "state"}).json()
    )
    assert [(e["subject"], e["transition"], e["by"]) for e in states] == [
        ("plan", "submit", "tulipan"),
        ("opinion", "draft", "liberec"),
        ("plan", "return_for_completion", "kraj"),
        ("plan", "resubmit", "tulipan"),
        ("opinion", "send_to_council", "liberec"),
        ("plan", "route", "liberec"),
        ("opinion", "record_resolution", "liberec.rada"),
        ("plan", "route", "liberec.rada"),
        ("plan", "decide", "kraj"),
    ]
    municipal = client_for(municipal_officer).get(f"/api/v1/plans/{journey.pk}/log/").json()
    assert len(municipal) == len(EVERYTHING) - 2
    refused = client_for(provider_user).get(f"/api/v1/plans/{journey.pk}/log/", {"kind": "x"})
    assert refused.status_code == 400
