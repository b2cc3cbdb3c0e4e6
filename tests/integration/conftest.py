"""Fixtures of the integration tests: a folder per test for e-mails and logs, the
environment of the worker and beat processes (the test database, e-mails into that folder,
short leases and timeouts) and the shared Redis, emptied for each test."""

import os
from pathlib import Path
from typing import Any

import pytest
import redis

from tests.integration.brokers import REDIS_URL, database_url, use_broker


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
