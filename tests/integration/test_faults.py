"""Faults on real processes: a worker killed in the middle of the deadline sweep, its
database connection cut there, Redis restarted while the web commits transitions, and the
database connection of a web request cut in the middle of a transition.

The claim each test checks: no reminder or notice lost or made twice, no transition half
applied (an opinion is either recorded as not given with its audit row, its outbox event and
its plan moved on — or untouched), every e-mail sent once. Run by `.ci/run` with the
PostgreSQL + Redis suite.
"""

import datetime as dt
import threading
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest
import redis
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from backend.core.deadlines import add_working_days, today_in_prague
from backend.documents.models import Document
from backend.events.models import Event
from backend.machines.opinion_review.states import OpinionState
from backend.machines.plan_review.states import PlanState
from backend.network.models import CapacityChange
from backend.plans.models import MunicipalOpinion, RegionalDecision
from notifications.kinds import Kind
from notifications.models import EmailStatus, Notification
from notifications.tasks import deadlines_sweep_task
from tests import factories
from tests.helpers import events, reload, state_logs
from tests.integration.brokers import REDIS_URL, PrivateRedis, database_url, idle, mails
from tests.integration.processes import wait_for, worker
from workflows import running

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the worker processes share the test database: PostgreSQL (DATABASE_URL)",
)
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="needs a Redis server (REDIS_URL)")
pytestmark = [
    pytest.mark.postgres,
    on_postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OVERDUE, DUE_SOON = 3, 5


@pytest.fixture
def due_work(municipal_officer: Any, regional_officer: Any) -> dict[str, list[Any]]:
    """Three opinions past their deadline (the sweep records each as not given, moves its
    plan on and tells the region) and five due in one working day (a reminder each)."""
    today = today_in_prague()
    return {
        "overdue": [
            factories.opinion_in_state(OpinionState.REQUESTED, due_date=today - dt.timedelta(3))
            for _ in range(OVERDUE)
        ],
        "due": [
            factories.opinion_in_state(OpinionState.REQUESTED, due_date=add_working_days(today, 1))
            for _ in range(DUE_SOON)
        ],
    }


def _paused_worker(env: dict[str, str], place: Path, pause_in: str, name: str) -> Any:
    paused = {
        **env,
        "SWEEP_PAUSE_IN": pause_in,
        "SWEEP_PAUSE_AT": "2",
        "SWEEP_PAUSE_MARKER": str(place / "paused"),
        "SWEEP_PAUSE_SECONDS": "60",
        # One transition per commit and two reminders per batch, so the pause falls
        # between commits that are visible from here.
        "NOTIFICATIONS_TRANSITIONS_PER_COMMIT": "1",
        "NOTIFICATIONS_BATCH_SIZE": "2",
    }
    process = worker(paused, place / f"{name}.log", concurrency=1)
    process.command[process.command.index("backend.config")] = "tests.integration.paused_sweep"
    return process.start(ready="ready.")


def _whole_or_untouched(opinion: MunicipalOpinion) -> bool:
    """True when recorded as not given with everything that goes with it; False when
    untouched; a half-applied transition fails the test."""
    opinion = reload(opinion)
    expired = opinion.state == OpinionState.NOT_GIVEN
    expected = 1 if expired else 0
    assert state_logs(opinion).filter(transition="expire").count() == expected
    assert events(opinion).filter(transition="expire").count() == expected
    assert state_logs(opinion.plan).filter(transition="route").count() == expected
    if not expired:
        assert opinion.state == OpinionState.REQUESTED
        assert reload(opinion.plan).state == PlanState.AWAITING_OPINION
    return expired


def _all_done_once(place: Path, client: redis.Redis, due_work: dict[str, list[Any]]) -> None:
    """Every overdue opinion recorded once, every reminder and notice made once, every
    e-mail sent once."""
    wait_for(lambda: idle(client), timeout=60, what="the queue to drain")
    time.sleep(2)  # one more scheduler tick: nothing new may appear
    wait_for(lambda: idle(client), timeout=60, what="the queue to drain")
    assert all(_whole_or_untouched(opinion) for opinion in due_work["overdue"])
    reminders = Notification.objects.filter(kind=Kind.OPINION_REMINDER)
    assert sorted(reminders.values_list("object_id", flat=True)) == sorted(
        opinion.pk for opinion in due_work["due"]
    )
    assert Notification.objects.filter(kind=Kind.ESCALATION).count() == OVERDUE
    assert not Event.objects.filter(processed_at=None).exists()
    emailed = Notification.objects.exclude(email_status=EmailStatus.SKIPPED)
    assert set(emailed.values_list("email_status", flat=True)) == {EmailStatus.SENT}
    assert len(mails(place)) == emailed.count()


@pytest.mark.parametrize("pause_in", ["expire", "reminders"])
@pytest.mark.redis
@needs_redis
def test_a_worker_killed_mid_sweep_leaves_no_half_transition_and_the_rerun_completes_once(
    pause_in: str,
    env: dict[str, str],
    place: Path,
    broker: redis.Redis,
    due_work: dict[str, list[Any]],
) -> None:
    first = _paused_worker(env, place, pause_in, "worker-1")
    try:
        deadlines_sweep_task.delay()
        wait_for(lambda: (place / "paused").exists(), timeout=60, what="the sweep to pause")
        first.kill()  # SIGKILL mid-sweep: its open transaction dies with its connection
    finally:
        first.stop()

    expired = [_whole_or_untouched(opinion) for opinion in due_work["overdue"]]
    reminded = Notification.objects.filter(kind=Kind.OPINION_REMINDER).count()
    if pause_in == "expire":
        # The first opinion committed; the second was applied but not committed: gone.
        assert expired == [True, False, False]
        assert reminded == 0
    else:
        assert expired == [True, True, True]
        assert reminded == 2  # the first batch committed, the second never started

    # Restarted: Redis hands the unacknowledged sweep out again after its visibility
    # timeout; the sweep picks up what is left.
    second = worker(env, place / "worker-2.log").start(ready="ready.")
    try:
        wait_for(
            lambda: Notification.objects.filter(kind=Kind.OPINION_REMINDER).count() == DUE_SOON,
            timeout=90,
            what="the rerun's reminders",
        )
        deadlines_sweep_task.delay()  # and the next scheduled run changes nothing
        _all_done_once(place, broker, due_work)
    finally:
        second.stop()


@pytest.mark.redis
@needs_redis
def test_the_database_cut_off_mid_sweep_rolls_back_and_the_retry_completes_once(
    env: dict[str, str],
    place: Path,
    broker: redis.Redis,
    due_work: dict[str, list[Any]],
) -> None:
    process = _paused_worker(env, place, "expire", "worker")
    try:
        deadlines_sweep_task.delay()
        wait_for(lambda: (place / "paused").exists(), timeout=60, what="the sweep to pause")
        # The database drops the worker's connection (a restart or failover would): the
        # transaction of the second opinion is rolled back by the server.
        with psycopg.connect(database_url(), autocommit=True) as admin:
            terminated = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND state = 'idle in transaction'"
            ).fetchall()
        assert terminated == [(True,)]
        assert [_whole_or_untouched(o) for o in due_work["overdue"]] == [True, False, False]
        (place / "paused.resume").touch()
        # The same worker wakes, fails on the dead connection, and retries the sweep
        # (autoretry on OperationalError) with a fresh connection.
        wait_for(
            lambda: Notification.objects.filter(kind=Kind.OPINION_REMINDER).count() == DUE_SOON,
            timeout=90,
            what="the retried sweep's reminders",
        )
        _all_done_once(place, broker, due_work)
        assert "OperationalError" in process.output() or "InterfaceError" in process.output()
    finally:
        process.stop()


@pytest.mark.redis
@needs_redis
def test_redis_restarted_while_the_web_commits_transitions_loses_and_repeats_nothing(
    private_redis: PrivateRedis,
    place: Path,
    client: Any,
    service: Any,
    provider_user: Any,
    colleague: Any,
    municipal_officer: Any,
) -> None:
    """Four submissions: one before Redis stops, two while it is down, one after it came
    back empty. Each submission owes three notices (the opinion request to Liberec, the
    confirmation to each of the provider's two users): twelve notices and e-mails, each
    once."""
    server = private_redis.server
    plans = [factories.DevelopmentPlanFactory(service=service) for _ in range(4)]
    client.force_login(provider_user)

    def submit(plan: Any) -> str:
        response = client.post(reverse("plans:submit", args=[plan.pk]))
        assert response.status_code == 302
        assert reload(plan).state == PlanState.AWAITING_OPINION
        return response["X-Request-ID"]

    request_id = submit(plans[0])
    wait_for(lambda: len(mails(place)) >= 3, timeout=60, what="the first notices")
    # Stopped while the worker holds no task: this fixture's worker runs two at once, and one
    # holding a task with room for another exits with "Unrecoverable error" when Redis goes
    # away (kombu 5.7; docs/operations.md, Celery and Redis). Production runs one task per
    # process: test_redis_blip.py stops Redis under a busy worker.
    broker = redis.Redis.from_url(private_redis.env["REDIS_URL"])
    wait_for(lambda: idle(broker), timeout=60, what="the worker to finish its tasks")
    server.stop()
    submit(plans[1])
    submit(plans[2])
    server.start(ready="Ready to accept connections")  # back, and empty
    submit(plans[3])
    wait_for(lambda: len(mails(place)) >= 12, timeout=90, what="all twelve notices")
    time.sleep(5)  # more drains and dispatches: nothing twice
    assert len(mails(place)) == 12
    # One of each per plan: the delivery record is unique per recipient, kind and subject.
    notices = Notification.objects.values_list("kind", "recipient__username")
    assert sorted(notices) == sorted(
        [
            (Kind.OPINION_REQUESTED, "liberec"),
            (Kind.SUBMISSION_CONFIRMED, "tulipan"),
            (Kind.SUBMISSION_CONFIRMED, "tulipan.kolega"),
        ]
        * 4
    )
    assert not Event.objects.filter(processed_at=None).exists()
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}
    # The outbox drain the first submission enqueued ran in the worker under its id.
    assert f"[{request_id}] celery.app.trace: Task notifications.tasks.outbox_drain_task" in (
        private_redis.worker.output()
    )


def test_the_database_cut_off_mid_transition_leaves_nothing_and_a_retry_succeeds_once(
    service: Any, open_call: Any, regional_officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The web's connection is terminated inside a decision's transaction (after the
    transition ran, before the outbox row): the API answers 500 in its JSON shape, the
    database holds no trace of the decision; the same request again succeeds once."""
    plan = factories.plan_in_state("awaiting_decision", service=service, call=open_call)
    record = running.event_record
    inside, cut = threading.Event(), threading.Event()

    def record_after_the_cut(**kwargs: Any) -> Any:
        if not cut.is_set():
            inside.set()
            assert cut.wait(timeout=30)
        return record(**kwargs)

    def cut_the_connection() -> None:
        assert inside.wait(timeout=30)
        with psycopg.connect(database_url(), autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND state = 'idle in transaction'"
            )
        cut.set()

    monkeypatch.setattr(running, "event_record", record_after_the_cut)
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en", raise_request_exception=False)
    api.force_authenticate(regional_officer)
    url = f"/api/v1/plans/{plan.pk}/decide/"
    decision = {
        "outcome": "included",
        "body": "regional_council",
        "resolution_number": "258/17/ZK",
        "resolution_date": "2026-06-23",
    }
    killer = threading.Thread(target=cut_the_connection)
    killer.start()
    response = api.post(url, decision)
    killer.join(timeout=30)
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert "Traceback" not in response.content.decode()

    connection.close()  # this thread's connection was the one cut
    assert reload(plan).state == PlanState.AWAITING_DECISION
    assert not state_logs(plan).exists()
    assert not events(plan).exists()
    assert not RegionalDecision.objects.exists()
    assert not CapacityChange.objects.exists()
    assert not Document.objects.exists()

    retried = api.post(url, decision)
    assert retried.status_code == 200, retried.json()
    assert reload(plan).state == PlanState.INCLUDED
    assert state_logs(plan).filter(transition="decide").count() == 1
    assert events(plan).filter(transition="decide").count() == 1
    assert RegionalDecision.objects.count() == CapacityChange.objects.count() == 1
