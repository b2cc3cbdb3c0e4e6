"""docs/workflow.md is generated from the state machines and must not drift from them."""

import pytest
from django.core.management import call_command

from backend.calls.models import Call
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from workflows.diagram import mermaid


def test_the_workflow_document_is_up_to_date() -> None:
    try:
        call_command("workflow_diagram", "--check")
    except SystemExit as stale:  # pragma: no cover - the message says what to run
        pytest.fail(str(stale))


@pytest.mark.parametrize(
    ("model", "edge"),
    [
        (DevelopmentPlan, "draft --> awaiting_opinion: submit"),
        (DevelopmentPlan, "draft --> awaiting_decision: submit"),  # a decrease needs no opinion
        (DevelopmentPlan, "awaiting_opinion --> awaiting_council: route"),
        (DevelopmentPlan, "awaiting_decision --> not_included: decide"),
        (DevelopmentPlan, "returned --> lapsed: lapse"),
        (MunicipalOpinion, "awaiting_council --> issued: record_resolution"),
        (Call, "closed --> finished: finish"),
    ],
)
def test_the_diagram_shows_the_transitions(model: type, edge: str) -> None:
    assert f"    {edge}" in mermaid(model).splitlines()


def test_a_computed_target_equal_to_its_source_is_not_drawn() -> None:
    assert "awaiting_opinion --> awaiting_opinion" not in mermaid(DevelopmentPlan)
