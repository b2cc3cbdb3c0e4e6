"""Parallel submissions and decisions on PostgreSQL: each waits for the counter row the one
before it locked, so the regional series is exactly 1..N — no duplicate, no gap, not even
where one of the transitions rolled back after taking its number."""

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from backend.documents import services as document_services
from backend.machines.plan_review.states import PlanState
from backend.records.models import Direction, ReferenceNumber, ReferenceSequence
from tests import factories
from workflows.plan_review.actions import plan_decide, plan_submit

N = 5  # plans submitted and as many decided, all at once


class Doomed(Exception):
    """The transition fails after it has taken its number."""


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_transitions_number_exactly_1_to_n(
    provider: Any,
    provider_user: Any,
    regional_officer: Any,
    open_call: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def plan(state: str) -> Any:
        service = factories.SocialServiceFactory(provider=provider)
        return factories.plan_in_state(state, service=service, call=open_call)

    drafts = [plan("draft") for _ in range(N)]
    ready = [plan(PlanState.AWAITING_DECISION) for _ in range(N + 1)]
    doomed = ready[-1]

    # The PDFs are beside the point here; the numbers are taken in the transition.
    monkeypatch.setattr(document_services, "_publish", lambda **params: None)
    issue = document_services.reference_number_issue

    def slow_issue(**kwargs: Any) -> Any:
        number = issue(**kwargs)
        time.sleep(0.05)  # hold the counter's lock a while, so the others queue behind it
        if getattr(kwargs["subject"], "plan_id", None) == doomed.pk:
            raise Doomed
        return number

    monkeypatch.setattr(document_services, "reference_number_issue", slow_issue)

    def decide(target: Any, index: int) -> Callable[[], Any]:
        return lambda: plan_decide(
            plan=target,
            by=regional_officer,
            outcome=PlanState.INCLUDED,
            **{**factories.DECISION_DEFAULTS, "resolution_number": f"{400 + index}/27/ZK"},
        )

    jobs: list[Callable[[], Any]] = [
        *(lambda draft=draft: plan_submit(plan=draft, by=provider_user) for draft in drafts),
        *(decide(target, index) for index, target in enumerate(ready)),
    ]
    barrier = threading.Barrier(len(jobs))
    outcomes: list[Any] = []

    def run(job: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes.append(job())
        except Exception as error:  # recorded and asserted below
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    failures = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert [type(failure) for failure in failures] == [Doomed], failures
    numbers = list(ReferenceNumber.objects.filter(series="region").order_by("number"))
    assert [n.number for n in numbers] == list(range(1, 2 * N + 1))
    assert len({n.value for n in numbers}) == 2 * N
    assert len({n.year for n in numbers}) == 1
    assert sum(n.direction == Direction.INCOMING for n in numbers) == N
    assert {n.subject_id for n in numbers if n.direction == Direction.INCOMING} == {
        d.pk for d in drafts
    }
    assert ReferenceSequence.objects.get(series="region").next_number == 2 * N + 1
