"""Redis stops for 12 s under a busy worker — the worker holds the deadline sweep, paused in
the middle — and comes back: the worker reconnects by itself, the work resumes within 60 s and
nothing is lost or repeated.

With kombu 5.7 a worker that had room for a second task crashed here ("Unrecoverable error:
AttributeError(... 'hostname')", docs/operations.md, Celery and Redis); one task per worker
process (CELERY_WORKER_CONCURRENCY=1, the worker as docker-compose runs it) avoids it.
"""

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from django.urls import reverse

from backend.core.deadlines import add_working_days, today_in_prague
from backend.events.models import Event
from backend.machines.opinion_review.states import OpinionState
from notifications.kinds import Kind
from notifications.models import EmailStatus, Notification
from notifications.tasks import deadlines_sweep_task
from tests import factories
from tests.integration.brokers import (
    REDIS_URL,
    WORKER_ON_REDIS,
    PrivateRedis,
    idle,
    mails,
    use_broker,
)
from tests.integration.processes import Process, beat, free_port, redis_server, wait_for, worker

pytestmark = WORKER_ON_REDIS

DUE_SOON = 5
OUTAGE_SECONDS = 12
RESUME_BOUND_SECONDS = 60


@pytest.fixture
def busy_worker(env: dict[str, str], place: Path) -> Iterator[PrivateRedis]:
    """A Redis of the test's own that keeps its data over a restart (as compose's does), a
    worker as production runs it (one task per process) whose deadline sweep pauses after its
    first batch of two reminders, and the scheduler."""
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    private = {
        **env,
        "REDIS_URL": url,
        "SWEEP_PAUSE_IN": "reminders",
        "SWEEP_PAUSE_AT": "2",
        "SWEEP_PAUSE_MARKER": str(place / "paused"),
        "SWEEP_PAUSE_SECONDS": "60",
        "NOTIFICATIONS_BATCH_SIZE": "2",
    }
    server = redis_server(port, place, persistent=True).start(ready="Ready to accept connections")
    use_broker(url)
    process = worker(private, place / "worker.log", concurrency=None)
    process.command[process.command.index("backend.config")] = "tests.integration.paused_sweep"
    processes: list[Process] = [process.start(ready="ready.")]
    try:
        processes.append(beat(private, place / "beat.log").start(ready="beat: Starting"))
        yield PrivateRedis(private, server, process)
    finally:
        for each in processes:
            each.stop()
        server.stop()
        use_broker(REDIS_URL)


def test_redis_stopped_under_a_busy_worker_work_resumes_and_nothing_is_lost_or_repeated(
    busy_worker: PrivateRedis,
    place: Path,
    client: Any,
    service: Any,
    provider_user: Any,
    colleague: Any,
    municipal_officer: Any,
) -> None:
    due = add_working_days(today_in_prague(), 1)
    opinions = [
        factories.opinion_in_state(OpinionState.REQUESTED, due_date=due) for _ in range(DUE_SOON)
    ]
    plan = factories.DevelopmentPlanFactory(service=service)
    server, process = busy_worker.server, busy_worker.worker

    deadlines_sweep_task.delay()
    wait_for(lambda: (place / "paused").exists(), timeout=60, what="the sweep to pause")
    assert Notification.objects.filter(kind=Kind.OPINION_REMINDER).count() == 2
    # The worker holds the sweep and takes nothing more for now (with room for more it would
    # be waiting on Redis for the next task then — the case that crashed).
    broker = redis.Redis.from_url(busy_worker.env["REDIS_URL"])

    def holding_the_sweep_only() -> bool:
        """Only the sweep unacknowledged for a second, and the worker taking nothing waiting
        (the scheduler may add more meanwhile)."""
        waiting, held = broker.llen("celery"), broker.hlen("unacked")
        time.sleep(1)
        return held == broker.hlen("unacked") == 1 and broker.llen("celery") >= waiting

    wait_for(holding_the_sweep_only, timeout=30, what="the worker to hold the sweep only")

    server.stop()  # Redis goes away while the worker holds the sweep
    time.sleep(OUTAGE_SECONDS / 2)
    (place / "paused.resume").touch()  # the sweep carries on and ends while Redis is away
    time.sleep(OUTAGE_SECONDS / 2)
    server.start(ready="Ready to accept connections")
    back = time.monotonic()

    # New work after the outage: a submission owes three notices (the municipality's request
    # and a confirmation to each of the provider's two users).
    client.force_login(provider_user)
    assert client.post(reverse("plans:submit", args=[plan.pk])).status_code == 302

    def all_delivered() -> bool:
        emailed = Notification.objects.exclude(email_status=EmailStatus.SKIPPED)
        return (
            Notification.objects.filter(kind=Kind.OPINION_REMINDER).count() == DUE_SOON
            and Notification.objects.filter(kind=Kind.OPINION_REQUESTED).count() == 1
            and Notification.objects.filter(kind=Kind.SUBMISSION_CONFIRMED).count() == 2
            and not emailed.exclude(email_status=EmailStatus.SENT).exists()
            and len(mails(place)) == emailed.count()
        )

    wait_for(all_delivered, timeout=RESUME_BOUND_SECONDS, what="the work after the outage")
    resumed = time.monotonic() - back
    # Past the visibility timeout (4 s): the sweep whose acknowledgement was lost runs again.
    time.sleep(6)
    wait_for(lambda: idle(broker), timeout=30, what="the queue to drain")

    assert resumed < RESUME_BOUND_SECONDS
    reminders = Notification.objects.filter(kind=Kind.OPINION_REMINDER)
    assert sorted(reminders.values_list("object_id", flat=True)) == sorted(o.pk for o in opinions)
    assert sorted(
        Notification.objects.exclude(kind=Kind.OPINION_REMINDER).values_list(
            "kind", "recipient__username"
        )
    ) == [
        (Kind.OPINION_REQUESTED, "liberec"),
        (Kind.SUBMISSION_CONFIRMED, "tulipan"),
        (Kind.SUBMISSION_CONFIRMED, "tulipan.kolega"),
    ]
    emailed = Notification.objects.exclude(email_status=EmailStatus.SKIPPED)
    assert set(emailed.values_list("email_status", flat=True)) == {EmailStatus.SENT}
    assert len(mails(place)) == emailed.count() == DUE_SOON + 3
    assert not Event.objects.filter(processed_at=None).exists()
    # The same worker process carried on: it reconnected rather than exiting.
    assert process.popen is not None and process.popen.poll() is None
    assert "Unrecoverable error" not in process.output()
    assert "Connected to redis" in process.output().split("Connection to broker lost")[-1]
