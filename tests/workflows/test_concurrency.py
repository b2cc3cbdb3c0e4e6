"""Two regional officers deciding the same plan at once: the row lock lets one through and
the other sees the state the first left behind."""

import threading
import time
from typing import Any

import pytest
from django.db import connection

from backend.machines.errors import TransitionConflict
from backend.machines.plan_review.states import PlanState
from backend.network import services as network_services
from backend.network.models import CapacityChange, NetworkEntry
from backend.plans.models import RegionalDecision
from tests import factories
from tests.helpers import reload
from workflows.plan_review import actions
from workflows.plan_review.actions import plan_decide


def _decide(plan: Any, by: Any, number: str) -> Any:
    return plan_decide(
        plan=plan,
        by=by,
        outcome=PlanState.INCLUDED,
        **{**factories.DECISION_DEFAULTS, "resolution_number": number},
    )


@pytest.mark.django_db
def test_deciding_a_stale_plan_object_again_is_a_conflict(
    service: Any, regional_officer: Any
) -> None:
    """Sequential (works on SQLite): the action re-reads the row, so a stale in-memory
    `awaiting_decision` object cannot be decided twice."""
    stale = factories.plan_in_state(PlanState.AWAITING_DECISION, service=service)
    _decide(stale, regional_officer, "258/17/ZK")
    assert stale.state == PlanState.AWAITING_DECISION  # the caller's object is stale
    with pytest.raises(TransitionConflict):
        _decide(stale, regional_officer, "259/17/ZK")
    assert RegionalDecision.objects.get().resolution_number == "258/17/ZK"
    assert CapacityChange.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_decide_lets_exactly_one_through(
    service: Any, regional_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = factories.plan_in_state(PlanState.AWAITING_DECISION, service=service)
    colleague = factories.user_with_role("regional_officer", factories.region_liberec())

    # Hold the lock a little while writing the register, so the two transactions overlap.
    apply = network_services.network_apply_decision

    def slow_apply(**kwargs: Any) -> Any:
        time.sleep(0.3)
        return apply(**kwargs)

    monkeypatch.setattr(actions, "network_apply_decision", slow_apply)

    barrier = threading.Barrier(2)
    outcomes: dict[str, Any] = {}

    def officer(name: str, user: Any, number: str) -> None:
        try:
            barrier.wait(timeout=5)
            outcomes[name] = _decide(stale, user, number)
        except Exception as error:  # recorded and asserted below
            outcomes[name] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=officer, args=("a", regional_officer, "258/17/ZK")),
        threading.Thread(target=officer, args=("b", colleague, "259/17/ZK")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    results = list(outcomes.values())
    decisions = [r for r in results if isinstance(r, RegionalDecision)]
    conflicts = [r for r in results if isinstance(r, TransitionConflict)]
    assert len(decisions) == 1, results
    assert len(conflicts) == 1, results
    assert reload(stale).state == PlanState.INCLUDED
    assert RegionalDecision.objects.count() == 1
    assert NetworkEntry.objects.count() == 1
    assert CapacityChange.objects.count() == 1
