"""Resubmitting a completed plan re-routes its opinions to the ORPs it now touches."""

from collections.abc import Callable
from typing import Any

import pytest

from backend.machines.opinion_review.states import OpinionState
from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from tests import factories
from tests.helpers import reload
from workflows.plan_review.actions import plan_resubmit, plan_return_for_completion

pytestmark = pytest.mark.django_db


def _states(plan: Any) -> dict[str, str]:
    opinions = MunicipalOpinion.objects.filter(plan=plan).select_related("municipality")
    return {opinion.municipality.name: opinion.state for opinion in opinions}


@pytest.fixture
def completed(
    service: Any, provider_user: Any, regional_officer: Any
) -> Callable[[str, list[str]], DevelopmentPlan]:
    """A plan touching Liberec and Česká Lípa, with Česká Lípa's opinion in the given state,
    returned for completion and resubmitted touching the given ORPs."""

    def make(ceska_lipa_opinion: str, orps_after: list[str]) -> DevelopmentPlan:
        plan = factories.plan_in_state(
            PlanState.AWAITING_OPINION,
            service=service,
            orps=[factories.orp("5105"), factories.orp("5101")],
        )
        factories.opinion_in_state(OpinionState.REQUESTED, plan=plan)
        factories.opinion_in_state(
            ceska_lipa_opinion, plan=plan, municipality=factories.municipality("Česká Lípa")
        )
        plan_return_for_completion(plan=plan, by=regional_officer, reason="Upřesněte území.")
        plan.orps.set([factories.orp(code) for code in orps_after])
        return plan_resubmit(plan=reload(plan), by=provider_user, comment="Území upřesněno.")

    return make


def test_an_orp_dropped_on_completion_loses_its_open_opinion_and_a_new_one_is_asked(
    completed: Callable[[str, list[str]], DevelopmentPlan],
) -> None:
    plan = completed(OpinionState.DRAFTED, ["5105", "5110"])
    assert _states(plan) == {
        "Liberec": OpinionState.REQUESTED,
        "Česká Lípa": OpinionState.CANCELLED,
        "Železný Brod": OpinionState.REQUESTED,
    }
    assert reload(plan).state == PlanState.AWAITING_OPINION


def test_an_issued_opinion_of_a_dropped_orp_stays_on_record(
    completed: Callable[[str, list[str]], DevelopmentPlan],
) -> None:
    plan = completed(OpinionState.ISSUED, ["5105"])
    assert _states(plan) == {"Liberec": OpinionState.REQUESTED, "Česká Lípa": OpinionState.ISSUED}
