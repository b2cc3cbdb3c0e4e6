"""An inclusion decided with the approved capacity left empty approves the requested one: the
decision stores that number, so the letter states what the register got (it printed "–")."""

from decimal import Decimal
from typing import Any

import pytest

from backend.documents.models import Document, DocumentKind
from backend.documents.services import document_read
from backend.machines.plan_review.states import PlanState
from backend.network.models import NetworkEntry
from tests import factories
from tests.documents.test_documents import pdf_text
from tests.helpers import reload
from workflows.plan_review.actions import plan_decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(service: Any) -> Any:
    return factories.plan_in_state(
        PlanState.AWAITING_DECISION,
        service=service,
        capacity_current=Decimal(1),
        capacity_requested=Decimal("2.5"),
    )


def _decide(plan: Any, by: Any, outcome: str, capture: Any) -> Any:
    with capture(execute=True):
        return plan_decide(
            plan=plan, by=by, outcome=outcome, approved_capacity=None, **factories.DECISION_DEFAULTS
        )


def test_left_empty_the_letter_and_the_register_state_the_requested_capacity(
    plan: Any, regional_officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    decision = _decide(
        plan, regional_officer, PlanState.INCLUDED, django_capture_on_commit_callbacks
    )
    assert reload(decision).approved_capacity == Decimal("2.5")
    entry = NetworkEntry.objects.get(service=plan.service, period=plan.call.period)
    assert entry.capacity == reload(decision).approved_capacity
    letter = Document.objects.get(plan=plan, kind=DocumentKind.DECISION)
    text = pdf_text(document_read(document=letter))
    assert "Schválená kapacita 2,5 lůžka" in text
    assert "Schválená kapacita –" not in text


def test_not_included_approves_no_capacity(
    plan: Any, regional_officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    decision = _decide(
        plan, regional_officer, PlanState.NOT_INCLUDED, django_capture_on_commit_callbacks
    )
    assert reload(decision).approved_capacity is None
    assert not NetworkEntry.objects.exists()
