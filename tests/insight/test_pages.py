"""The call timeline, the activity cards coverage and the workflow diagram page."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from backend.calls.timeline import call_gantt
from backend.registry.models import ActivityCard
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_gantt_marks_today_and_each_phase(open_call: Any) -> None:
    today = timezone.localdate()
    gantt = call_gantt(call=open_call, today=today)
    labels = [phase.label for phase in gantt.phases]
    assert labels[:2] == ["Submission window", "Municipal opinions"]
    assert [p.label for p in gantt.phases if p.current] == ["Submission window"]
    first = gantt.phases[0]
    assert first.x < gantt.today_x < first.x + first.width
    assert call_gantt(call=open_call, today=today - dt.timedelta(days=400)).today_x is None


def test_the_call_page_shows_the_timeline_and_the_counts(
    open_call: Any, client_as: Callable[[str], Client]
) -> None:
    factories.plan_in_state("awaiting_opinion", call=open_call)
    page = client_as("regional_officer").get(reverse("calls:detail", args=[open_call.pk]))
    html = page.content.decode()
    assert 'class="gantt"' in html and "today" in html
    assert 'id="gantt-table"' in html


def test_the_coverage_lists_cited_and_uncited_cards(
    open_call: Any, client_as: Callable[[str], Client]
) -> None:
    cards = list(ActivityCard.objects.order_by("code")[:2])
    assert cards, "the reference data holds the activity cards"
    cited = factories.plan_in_state("awaiting_opinion", call=open_call)
    cited.activity_cards.set([cards[0]])
    factories.plan_in_state("draft", call=open_call).activity_cards.set([cards[1]])
    response = client_as("regional_officer").get(reverse("insight:coverage"))
    assert [c.code for c in response.context["cited"]] == [cards[0].code]
    assert cards[1].code in [c.code for c in response.context["uncited"]]
    assert len(response.context["cited"]) + len(response.context["uncited"]) == (
        ActivityCard.objects.count()
    )
    assert client_as("provider_user").get(reverse("insight:coverage")).status_code == 403


def test_the_workflow_page_draws_the_diagrams_with_czech_state_names(
    client_as: Callable[[str], Client],
) -> None:
    page = client_as("regional_officer").get("/planning/workflow/").content.decode()
    assert page.count("<svg") >= 3
    # The translated state and step names, as locale/cs has them.
    for name in ("koncept", "čeká na vyjádření obce", "rozpracováno", "plánovaná", "Podat"):
        assert f">{name}<" in page, name
    svg = page[page.index("<svg") : page.rindex("</svg>")]
    assert "awaiting_opinion" not in svg and "submit" not in svg
    # No Mermaid text: no backticks, no arrows, no diagram keyword.
    for mermaid in ("`", "--&gt;", "-->", "stateDiagram", "[*]"):
        assert mermaid not in page, mermaid
    # Accessible: a title and a description, and the steps as a table.
    assert 'role="img"' in page and "<title" in svg and "<desc" in svg
    assert "<td>koncept</td><td>Podat</td><td>čeká na vyjádření obce</td>" in page


def test_the_workflow_page_follows_the_language(client_as: Callable[[str], Client]) -> None:
    page = client_as("regional_officer").get("/en/planning/workflow/").content.decode()
    assert ">awaiting municipal opinion<" in page and ">Submit<" in page
    assert ">koncept<" not in page
