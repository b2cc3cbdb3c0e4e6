"""`lock()`: one read per row and transaction, a fresh one in the next transaction or after
a savepoint that rolled back (which released the row lock)."""

from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from backend.core.locking import action_last, atomic_action, lock, lock_all, lock_taken
from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from tests import factories
from tests.helpers import reload

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(service: Any) -> DevelopmentPlan:
    return factories.plan_in_state(PlanState.DRAFT, service=service)


def test_a_row_locked_in_the_transaction_is_not_read_again(
    plan: Any, django_assert_num_queries: Any
) -> None:
    with transaction.atomic():
        with django_assert_num_queries(1):
            locked = lock(plan)
        assert locked is not plan
        with django_assert_num_queries(0):
            assert lock(locked) is locked


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


def test_a_row_read_alone_is_locked_alone(plan: Any) -> None:
    """Nothing related loaded, nothing related read: Django's `select_related()` without a
    path would join every non-null foreign key, several levels deep (call, region, period,
    provider, service…), for rows nobody looks at."""
    bare = DevelopmentPlan.objects.get(pk=plan.pk)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        lock(DevelopmentPlan.objects.get(pk=plan.pk))
        lock_all([bare])
    assert len(queries) == 3
    for query in queries.captured_queries:
        assert "JOIN" not in query["sql"].upper()


def test_attached_rows_replace_the_related_ones(db: None) -> None:
    created = factories.MunicipalOpinionFactory()
    opinion = MunicipalOpinion.objects.select_related("plan").get(pk=created.pk)
    with transaction.atomic():
        locked_plan = lock(opinion.plan)
        locked_opinion = lock(opinion, attach=[locked_plan])
        assert locked_opinion.plan is locked_plan
        assert lock(locked_opinion.plan) is locked_plan


def test_the_rows_named_come_with_the_lock(plan: Any, django_assert_num_queries: Any) -> None:
    """`related`: what the caller will show of the locked row is read in the lock's query,
    a missing decision included (cached as none)."""
    with transaction.atomic():
        with django_assert_num_queries(1):
            locked = lock(plan, related=["provider", "service__service_type", "decision"])
        with django_assert_num_queries(0):
            assert locked.service.service_type.pk == plan.service.service_type_id
            assert locked.provider.pk == plan.provider_id
            assert not hasattr(locked, "decision")


def _savepoints(queries: Any) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "SAVEPOINT" in q["sql"].upper()]


def test_the_action_last_in_a_transaction_opens_no_savepoint(plan: Any) -> None:
    """Inside `action_last()` the first action's transaction is the caller's own (an error
    rolls the caller's back anyway); the actions it calls, and any outside, keep theirs."""
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        with action_last(), atomic_action(), atomic_action():
            pass
        with atomic_action():
            pass
    assert len(_savepoints(queries)) == 4  # the nested and the outside one: SAVEPOINT, RELEASE


def test_an_error_in_the_last_action_rolls_the_callers_transaction_back(plan: Any) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        DevelopmentPlan.objects.filter(pk=plan.pk).update(justification="Before the action.")
        with action_last(), atomic_action():
            raise RuntimeError("refused")
    assert reload(plan).justification != "Before the action."


def test_a_row_looked_up_locked_is_not_read_again(
    plan: Any, django_assert_num_queries: Any
) -> None:
    """A view that reads its object with `select_for_update` says so with `lock_taken`: the
    action's `lock` returns that very instance."""
    with transaction.atomic():
        looked_up = lock_taken(DevelopmentPlan.objects.select_for_update().get(pk=plan.pk))
        with django_assert_num_queries(0):
            assert lock(looked_up) is looked_up
