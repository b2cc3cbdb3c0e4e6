"""The broker the integration tests share with their worker processes, the test database's
URL for those processes, and how to tell that every message was handled."""

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from django.db import connection
from kombu import pools

from backend.config.celery import app
from tests.integration.processes import Process

REDIS_URL = os.environ.get("REDIS_URL", "")

# `pytestmark = WORKER_ON_REDIS` in every module whose tests run real worker processes on Redis
# against the test database (which they must share: PostgreSQL), restored after each test.
WORKER_ON_REDIS = [
    pytest.mark.redis,
    pytest.mark.skipif(not REDIS_URL, reason="needs a Redis server (REDIS_URL)"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the worker processes share the test database: PostgreSQL (DATABASE_URL)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@dataclass(frozen=True)
class PrivateRedis:
    """A Redis of one test's own (the `private_redis` fixture) with its worker."""

    env: dict[str, str]  # the processes' environment, REDIS_URL pointing at `server`
    server: Process
    worker: Process


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def use_broker(url: str) -> None:
    """Publish from this test process to `url` for real (not eagerly)."""
    app.conf.task_always_eager = False
    app.conf.broker_url = url
    app.conf.broker_transport_options = {
        **app.conf.broker_transport_options,
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.5,
        "socket_connect_timeout": 2,
    }
    pools.reset()  # kombu's connection and producer pools, keyed by broker
    app._after_fork()  # and the app's handles on them


def mails(place: Path) -> list[Path]:
    return sorted((place / "mail").glob("*.eml"))


def idle(client: redis.Redis) -> bool:
    """No message waiting in the queue and none taken but unacknowledged."""
    return client.llen("celery") == 0 and client.hlen("unacked") == 0
