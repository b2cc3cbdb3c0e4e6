"""The SQL queries of one transition over the API, pinned (issue 23): the transitions the
benchmark measures (`bench/load.py`'s `transition_costs`) must not silently read or write
more. A transition still writes everything it did — its StateLog row, the field history,
the outbox event, the reference number, the opinion requests or the decision — and answers
with the same detail as a GET after it (`test_the_answer_is_the_detail_read_afterwards`).

Counted here inside the test's transaction (the view's `transition_atomic` is a savepoint
in it: 2 queries), with a signed-in client (its memberships: 1), a cold cache of content
types (1) and the year's first
reference number (its counter created: 2 more). Before issue 23 the same tests counted 35,
26, 33 and 23. What was spared: each guard asked once per transition, not three times; the
reference number taken in one UPDATE; no savepoint of the action inside the transaction
`run_at_version` opens; the answer built from the plan or opinion the transition locked,
not read again; then the row locked by the view's look-up, not read a
second time by the lock, and the opinions' states read once by an opinion's routing, and
not again by a submission's, which has just read and requested them (26, 22, 28, 19 → 24,
20, 27, 18). Then (2026-12-05): the append-only rows of an action (StateLog, events, field
history) inserted together at its end, so an issued opinion and the plan it routes write
their two logs and two events in one INSERT each (−2); the opinion locked by its look-up
with its plan, plan first (−1); a decision's look-up reading the call's period, which the
register entry's sort key shows (−1); a submission's territory without the municipalities
unless the call's routing asks them (−1) (24, 20, 27, 18 → 23, 17, 25, 18). What is left is
written or read for the answer: the rows above, the guards' reads (the call's form, the
register's capacity, the other opinions' states), the newest document version, and the
detail's opinions, attachments and relation keys. Then (2026-12-06) a submission writes the
concern of each municipality it asks (`backend/plans/concerns.py`: an `INSERT … ON CONFLICT
DO NOTHING`, usually a no-op, as the ORP's seat already was concerned): 23 → 24."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.plans.models import RegionalDecision
from backend.records.models import ReferenceNumber
from tests.api.test_plan_transitions import DECIDE
from tests.helpers import events, reload, state_logs

pytestmark = pytest.mark.django_db

# The most each transition may run (the benchmark's kinds).
SUBMIT = 24
ISSUE = 17
DECIDE_INCLUDED = 25
DECIDE_NOT_INCLUDED = 18
NOT_INCLUDED = {**DECIDE, "outcome": "not_included"}


def _post(client: Any, url: str, data: dict[str, Any], most: int) -> dict[str, Any]:
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, data, format="json")
    assert response.status_code == 200, response.json()
    queries = "\n".join(query["sql"][:160] for query in captured.captured_queries)
    assert len(captured) <= most, f"{len(captured)} queries (at most {most}):\n{queries}"
    return dict(response.json())


def test_a_submit(plan_in: Any, client_for: Any, provider_user: Any) -> None:
    plan = plan_in("draft")
    history = plan.history.count()
    body = _post(client_for(provider_user), f"/api/v1/plans/{plan.pk}/submit/", {}, SUBMIT)
    assert body["state"] == reload(plan).state == "awaiting_opinion"
    assert [opinion["municipality_name"] for opinion in body["opinions"]] == ["Liberec"]
    assert len(state_logs(plan)) == 1
    assert len(events(plan)) == 1
    assert plan.history.count() == history + 1
    assert ReferenceNumber.objects.filter(subject_id=plan.pk).count() == 1


def test_an_opinion_issued(opinion_in: Any, client_for: Any, municipal_officer: Any) -> None:
    opinion = opinion_in("drafted")
    body = _post(client_for(municipal_officer), f"/api/v1/opinions/{opinion.pk}/issue/", {}, ISSUE)
    assert body["state"] == reload(opinion).state == "issued"
    assert reload(opinion.plan).state == "awaiting_decision"  # routed on, in the same count
    assert len(state_logs(opinion)) == 1
    assert len(events(opinion)) == len(events(opinion.plan)) == 1


@pytest.mark.parametrize(
    ("data", "most"), [(DECIDE, DECIDE_INCLUDED), (NOT_INCLUDED, DECIDE_NOT_INCLUDED)]
)
def test_a_decision(
    plan_in: Any, client_for: Any, regional_officer: Any, data: dict[str, Any], most: int
) -> None:
    plan = plan_in("awaiting_decision")
    body = _post(client_for(regional_officer), f"/api/v1/plans/{plan.pk}/decide/", data, most)
    assert body["state"] == reload(plan).state == data["outcome"]
    assert body["decision"]["resolution_number"] == RegionalDecision.objects.get().resolution_number
    assert len(state_logs(plan)) == len(events(plan)) == 1


def test_the_answer_is_the_detail_read_afterwards(
    plan_in: Any, opinion_in: Any, client_for: Any, regional_officer: Any, municipal_officer: Any
) -> None:
    """The answer is built from the locked row the transition changed: it equals the detail
    a GET reads from the database afterwards, field for field."""
    plan = plan_in("awaiting_decision")
    officer = client_for(regional_officer)
    decided = officer.post(f"/api/v1/plans/{plan.pk}/decide/", DECIDE, format="json")
    assert decided.json() == officer.get(f"/api/v1/plans/{plan.pk}/").json()
    opinion = opinion_in("drafted")
    municipal = client_for(municipal_officer)
    issued = municipal.post(f"/api/v1/opinions/{opinion.pk}/issue/", {}, format="json")
    assert issued.json() == municipal.get(f"/api/v1/opinions/{opinion.pk}/").json()
