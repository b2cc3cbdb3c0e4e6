"""The routing reads a plan's opinions once where its check and its transition both ask
(`opinion_states_remembered`), and afresh everywhere else."""

from typing import Any

import pytest
from django.db import transaction

from backend.machines.plan_review.routing import next_review_state, opinion_states_remembered
from backend.machines.plan_review.states import PlanState
from backend.plans.models import MunicipalOpinion
from tests import factories
from tests.helpers import reload, state_logs
from workflows.plan_review.actions import plan_route

pytestmark = pytest.mark.django_db


@pytest.fixture
def opinion(liberec: Any) -> MunicipalOpinion:
    return factories.opinion_in_state("issued", municipality=liberec)


def test_inside_the_block_the_opinions_are_read_once(
    opinion: MunicipalOpinion, django_assert_num_queries: Any
) -> None:
    with opinion_states_remembered(), django_assert_num_queries(1):
        assert next_review_state(opinion.plan) == PlanState.AWAITING_DECISION
        assert next_review_state(opinion.plan) == PlanState.AWAITING_DECISION


def test_outside_it_each_question_reads_them_afresh(
    opinion: MunicipalOpinion, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(3):  # two reads and the update between
        assert next_review_state(opinion.plan) == PlanState.AWAITING_DECISION
        MunicipalOpinion.objects.filter(pk=opinion.pk).update(state="drafted")
        assert next_review_state(opinion.plan) == PlanState.AWAITING_OPINION


def test_a_route_reads_them_once_and_moves_the_plan_on(
    opinion: MunicipalOpinion, django_assert_max_num_queries: Any
) -> None:
    plan = opinion.plan
    with transaction.atomic(), django_assert_max_num_queries(100) as captured:
        plan_route(plan=plan, by=None, comment="Routed.")
    reads = [
        q
        for q in captured.captured_queries
        if 'SELECT "plans_municipalopinion"."state"' in q["sql"]
    ]
    assert len(reads) == 1
    assert reload(plan).state == PlanState.AWAITING_DECISION
    assert len(state_logs(plan)) == 1
