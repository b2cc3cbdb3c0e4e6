"""`lock()`: every call reads the row afresh under the lock (Django offers no public way to
tell whether the transaction still holds it: a savepoint that rolled back released it), with
the related rows the caller had loaded, or the locked ones it attaches."""

from typing import Any

import pytest
from django.db import transaction

from backend.core.locking import lock
from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(service: Any) -> DevelopmentPlan:
    return factories.plan_in_state(PlanState.DRAFT, service=service)


def test_each_lock_reads_the_row_in_one_query(plan: Any, django_assert_num_queries: Any) -> None:
    with transaction.atomic():
        with django_assert_num_queries(1):
            locked = lock(plan)
        assert locked is not plan
        DevelopmentPlan.objects.filter(pk=plan.pk).update(justification="Changed meanwhile.")
        with django_assert_num_queries(1):
            again = lock(locked)
        assert again.justification == "Changed meanwhile."


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_next_transaction_reads_the_row_again(plan: Any) -> None:
    with transaction.atomic():
        locked = lock(plan)
    DevelopmentPlan.objects.filter(pk=plan.pk).update(justification="Changed meanwhile.")
    with transaction.atomic():
        again = lock(locked)
    assert again is not locked
    assert again.justification == "Changed meanwhile."


def test_a_savepoint_rolled_back_releases_the_lock(plan: Any) -> None:
    with transaction.atomic():
        try:
            with transaction.atomic():
                locked = lock(plan)
                raise RuntimeError("refused")
        except RuntimeError:
            pass
        assert lock(locked) is not locked


def test_related_rows_the_caller_loaded_come_with_the_lock(
    plan: Any, django_assert_num_queries: Any
) -> None:
    loaded = DevelopmentPlan.objects.select_related("call").get(pk=plan.pk)
    with transaction.atomic():
        with django_assert_num_queries(1):
            locked = lock(loaded)
            assert locked.call.pk == plan.call_id
        with django_assert_num_queries(1):
            assert locked.service.pk == plan.service_id  # not loaded before: read on access


def test_attached_rows_replace_the_related_ones(db: None) -> None:
    created = factories.MunicipalOpinionFactory()
    opinion = MunicipalOpinion.objects.select_related("plan").get(pk=created.pk)
    with transaction.atomic():
        locked_plan = lock(opinion.plan)
        locked_opinion = lock(opinion, attach=[locked_plan])
        assert locked_opinion.plan is locked_plan
