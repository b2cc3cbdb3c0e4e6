"""Exactly once on a real Redis with real Celery worker processes.

Run by `.ci/run` against PostgreSQL with REDIS_URL set (Redis from apt). The worker and the
scheduler are separate processes sharing the test database; e-mails go to a folder, one
.eml per message, so "delivered once" is counted on disk.
"""

import time
from pathlib import Path
from typing import Any

import redis
from django.urls import reverse

from backend.events.models import Event
from backend.machines.plan_review.states import PlanState
from notifications.kinds import Kind
from notifications.models import EmailStatus, Notification
from notifications.tasks import deadlines_sweep_task, notification_send_task
from tests import factories
from tests.integration.brokers import WORKER_ON_REDIS, PrivateRedis, idle, mails
from tests.integration.processes import wait_for, worker

pytestmark = WORKER_ON_REDIS


def test_a_reminder_enqueued_twice_is_delivered_once(
    env: dict[str, str], place: Path, broker: redis.Redis, due_reminder: Any
) -> None:
    processes = [worker(env, place / "worker.log").start(ready="ready.")]
    try:
        deadlines_sweep_task.delay()
        deadlines_sweep_task.delay()  # the same task twice, run side by side
        wait_for(lambda: len(mails(place)) >= 1, timeout=60, what="the reminder's e-mail")
        (reminder,) = Notification.objects.filter(kind=Kind.OPINION_REMINDER)
        notification_send_task.delay(reminder.pk)  # and its e-mail enqueued twice more
        notification_send_task.delay(reminder.pk)
        wait_for(lambda: idle(broker), timeout=30, what="the queue to drain")
        time.sleep(1)
        assert len(mails(place)) == 1
        reminder.refresh_from_db()
        assert (reminder.email_status, reminder.email_attempts) == (EmailStatus.SENT, 1)
        assert Notification.objects.count() == 1
        assert "liberec@test.zsss.example" in mails(place)[0].read_text()
    finally:
        for process in processes:
            process.stop()


def test_a_worker_killed_while_sending_delivers_once_after_restart(
    env: dict[str, str], place: Path, broker: redis.Redis, due_reminder: Any
) -> None:
    slow = {
        **env,
        "EMAIL_BACKEND": "tests.integration.slow_mail.SlowEmlBackend",
        "SLOW_MAIL_SECONDS": "30",
    }
    sending = place / "at-before"
    first = worker(slow, place / "worker-1.log").start(ready="ready.")
    try:
        deadlines_sweep_task.delay()
        wait_for(lambda: sending.exists() and any(sending.iterdir()), timeout=60, what="sending")
        first.kill()  # mid-send: the message is neither sent nor acknowledged
    finally:
        first.stop()
    reminder = Notification.objects.get(kind=Kind.OPINION_REMINDER)
    assert reminder.email_status == EmailStatus.SENDING
    assert mails(place) == []

    # Restarted: Redis hands the unacknowledged task out again after its visibility
    # timeout, and the claim of the dead worker has expired by then.
    fast = {**slow, "SLOW_MAIL_SECONDS": "0"}
    second = worker(fast, place / "worker-2.log").start(ready="ready.")
    try:
        wait_for(lambda: len(mails(place)) >= 1, timeout=90, what="the e-mail after restart")
        wait_for(lambda: idle(broker), timeout=30, what="the queue to drain")
        time.sleep(4)  # past another lease: nothing is sent again
        assert len(mails(place)) == 1
        reminder.refresh_from_db()
        assert (reminder.email_status, reminder.email_attempts) == (EmailStatus.SENT, 2)
    finally:
        second.stop()


def test_the_web_accepts_a_submission_with_redis_down_and_the_notice_follows(
    private_redis: PrivateRedis,
    place: Path,
    client: Any,
    service: Any,
    provider_user: Any,
    colleague: Any,
    municipal_officer: Any,
) -> None:
    """Redis stops under the web: the submission goes through, its notices follow once
    Redis is back."""
    server = private_redis.server
    plan = factories.DevelopmentPlanFactory(service=service)
    server.stop()  # Redis goes down

    client.force_login(provider_user)
    started = time.monotonic()
    response = client.post(reverse("plans:submit", args=[plan.pk]))
    assert response.status_code == 302  # submitted, back to the plan
    assert time.monotonic() - started < 10  # and not hanging on the broker
    plan.refresh_from_db()
    assert plan.state == PlanState.AWAITING_OPINION
    assert Event.objects.filter(kind="developmentplan.submit", processed_at=None).exists()
    time.sleep(3)
    assert not Notification.objects.exists()  # nothing can run without the broker

    server.start(ready="Ready to accept connections")  # Redis is back (empty)
    wait_for(lambda: len(mails(place)) >= 3, timeout=90, what="the notices")
    time.sleep(5)  # several more drains: nothing twice
    assert sorted(Notification.objects.values_list("kind", "recipient__username")) == [
        (Kind.OPINION_REQUESTED, "liberec"),
        (Kind.SUBMISSION_CONFIRMED, "tulipan"),
        (Kind.SUBMISSION_CONFIRMED, "tulipan.kolega"),
    ]
    assert len(mails(place)) == 3
    assert not Event.objects.filter(processed_at=None).exists()
