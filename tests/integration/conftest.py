"""Fixtures of the integration tests: a folder per test for e-mails and logs, the
environment of the worker and beat processes (the test database, e-mails into that folder,
short leases and timeouts) and the shared Redis, emptied for each test."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from backend.core.deadlines import add_working_days, today_in_prague
from backend.machines.opinion_review.states import OpinionState
from tests import factories
from tests.integration.brokers import REDIS_URL, PrivateRedis, database_url, use_broker
from tests.integration.processes import beat, free_port, redis_server, worker


@pytest.fixture
def place(tmp_path: Path) -> Path:
    (tmp_path / "mail").mkdir()
    return tmp_path


@pytest.fixture
def env(place: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "VAR_DIR": str(place / "var"),
        "EMAIL_BACKEND": "notifications.mailbox.EmlFolderBackend",
        "EMAIL_FILE_PATH": str(place / "mail"),
        "NOTIFICATIONS_EMAIL_LEASE_SECONDS": "3",
        "NOTIFICATIONS_EMAIL_REQUEUE_SECONDS": "3",
        "CELERY_VISIBILITY_TIMEOUT": "4",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        # Only what a test asks for runs (beat, when started, drains the outbox often).
        "SCHEDULE_CALLS_SECONDS": "3600",
        "SCHEDULE_DEADLINES_SECONDS": "3600",
        "SCHEDULE_OUTBOX_SECONDS": "2",
    }


@pytest.fixture
def broker(env: dict[str, str]) -> Any:
    client = redis.Redis.from_url(env["REDIS_URL"])
    client.flushdb()
    use_broker(env["REDIS_URL"])
    yield client
    use_broker(REDIS_URL)


@pytest.fixture
def private_redis(env: dict[str, str], place: Path) -> Iterator[PrivateRedis]:
    """A private Redis the test can stop and start again, with a worker and the scheduler
    (draining the outbox every 2 s) attached to it."""
    port = free_port()
    private = {**env, "REDIS_URL": f"redis://127.0.0.1:{port}/0"}
    server = redis_server(port, place).start(ready="Ready to accept connections")
    use_broker(private["REDIS_URL"])
    processes = [
        worker(private, place / "worker.log").start(ready="ready."),
        beat(private, place / "beat.log").start(ready="beat: Starting"),
    ]
    try:
        yield PrivateRedis(private, server, processes[0])
    finally:
        for process in processes:
            process.stop()
        server.stop()
        use_broker(REDIS_URL)


@pytest.fixture
def colleague(provider: Any) -> Any:
    """A second user of the provider: told of the plan's changes its colleague makes."""
    return factories.user_with_role("provider_user", provider, username="tulipan.kolega")


@pytest.fixture
def due_reminder(municipal_officer: Any) -> Any:
    """An opinion due in one working day: the deadline sweep owes Liberec's officer a
    reminder."""
    due = add_working_days(today_in_prague(), 1)
    return factories.opinion_in_state(OpinionState.REQUESTED, due_date=due)
