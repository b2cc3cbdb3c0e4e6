"""The deadline sweeps' cost does not grow per object in statements that can be shared
(issue 23): a group's rows are locked in one query per model, the routing's opinion states
are read once per group, a group runs without a savepoint per object (one that fails runs
again one by one), and its transition log, outbox events and field history are inserted
by one statement per table, run for each row in one pipeline — the same rows as one action
at a time writes."""

import datetime as dt
import re
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_fsm_log.models import StateLog

from backend.machines.opinion_review.states import OpinionState
from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from tests import factories
from tests.helpers import events, reload, state_logs
from workflows.opinion_review.deadlines import opinions_expire_sweep
from workflows.plan_review.deadlines import plans_lapse_sweep

pytestmark = pytest.mark.django_db

D = dt.date
# What one more object may cost: the two rows' UPDATEs (opinion and plan), nothing else.
PER_OPINION = 2
# The transition log row of an opinion the system recorded as not given.
EXPIRED_LOG = (
    "expire",
    OpinionState.REQUESTED,
    OpinionState.NOT_GIVEN,
    None,
    "Not given by 7 Apr 2026.",
)


def _statements(run: Any) -> tuple[int, Counter[str]]:
    """How many statements one sweep ran, and its INSERTs by table."""
    with CaptureQueriesContext(connection) as captured:
        run()
    inserts: Counter[str] = Counter()
    for query in captured.captured_queries:
        # An `executemany` is logged once, as "<rows> times: INSERT ...".
        table = re.match(r'(?:\d+ times: )?INSERT INTO "(\w+)"', query["sql"])
        if table:
            inserts[table.group(1)] += 1
    return len(captured.captured_queries), inserts


def _overdue_opinions(count: int, service: Any) -> list[MunicipalOpinion]:
    return [
        factories.opinion_in_state(
            OpinionState.REQUESTED,
            plan=factories.plan_in_state(PlanState.AWAITING_OPINION, service=service),
            due_date=D(2026, 4, 7),
        )
        for _ in range(count)
    ]


def test_expiring_opinions_shares_the_locks_and_inserts(
    service: Any, municipal_officer: Any
) -> None:
    _overdue_opinions(1, service)
    opinions_expire_sweep(today=D(2026, 4, 8))  # the content types are read once per process
    _overdue_opinions(2, service)
    two, two_inserts = _statements(lambda: opinions_expire_sweep(today=D(2026, 4, 8)))
    _overdue_opinions(6, service)
    six, six_inserts = _statements(lambda: opinions_expire_sweep(today=D(2026, 4, 8)))
    # Each table of records is written once per group, whatever its size; the row locks
    # are one query per model (no per-object read) — only the per-object work grows.
    assert two_inserts == six_inserts
    assert six_inserts == {
        "django_fsm_log_statelog": 1,
        "notifications_event": 1,
        "audit_historicalmunicipalopinion": 1,
        "audit_historicaldevelopmentplan": 1,
    }
    assert six - two == 4 * PER_OPINION


def test_the_shared_inserts_write_what_one_action_at_a_time_wrote(
    service: Any, municipal_officer: Any
) -> None:
    opinions = _overdue_opinions(3, service)
    result = opinions_expire_sweep(today=D(2026, 4, 8))
    assert result == {"done": 3, "refused": 0, "failed": 0}
    for opinion in opinions:
        opinion, plan = reload(opinion), reload(opinion.plan)
        assert (opinion.state, plan.state) == (OpinionState.NOT_GIVEN, PlanState.AWAITING_DECISION)
        (log,) = state_logs(opinion)
        written = (log.transition, log.source_state, log.state, log.by, log.description)
        assert written == EXPIRED_LOG
        assert [log.transition for log in state_logs(plan)] == ["route"]
        assert [e.kind for e in events(opinion)] == ["municipalopinion.expire"]
        assert [e.kind for e in events(plan)] == ["developmentplan.route"]
        assert opinion.history.latest().state == OpinionState.NOT_GIVEN
        assert plan.history.latest().state == PlanState.AWAITING_DECISION
        assert plan.history.latest().version == plan.version


def test_lapsing_plans_shares_the_locks_and_inserts(service: Any) -> None:
    def returned(count: int) -> None:
        for _ in range(count):
            factories.plan_in_state(
                PlanState.RETURNED, service=service, completion_due=D(2026, 4, 1)
            )

    returned(1)
    one, one_inserts = _statements(lambda: plans_lapse_sweep(today=D(2026, 4, 8)))
    returned(5)
    five, five_inserts = _statements(lambda: plans_lapse_sweep(today=D(2026, 4, 8)))
    assert (
        one_inserts
        == five_inserts
        == {
            "django_fsm_log_statelog": 1,
            "notifications_event": 1,
            "audit_historicaldevelopmentplan": 1,
        }
    )
    # Per plan: its UPDATE only (its open opinions are locked with the group's plans).
    assert five - one == 4 * 1
    assert DevelopmentPlan.objects.filter(state=PlanState.LAPSED).count() == 6
    assert StateLog.objects.filter(transition="lapse").count() == 6
