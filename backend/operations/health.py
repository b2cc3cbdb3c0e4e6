"""Health checks for the web, the database, Redis and the Celery worker with its scheduler.

Each returns a `Check`: whether it is healthy and a short reason for operators — never
personal data, never an exception's text with connection strings.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from notifications.models import SweepStatus

logger = logging.getLogger(__name__)

# The jobs beat schedules every minute (by default); a worker runs them and records each run.
MINUTE_JOBS = ("calls", "outbox")


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: str
    configured: bool = True


def database_check() -> Check:
    """The database answers a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health: database unavailable: %s", type(error).__name__)
        return Check(False, "database unavailable")
    return Check(True, "database answers")


def redis_check() -> Check:
    """Redis answers a PING (when REDIS_URL is set; the embedded default has no Redis)."""
    url = settings.REDIS_URL
    if not url:
        return Check(True, "not configured", configured=False)
    # Imported here: the client library costs ≈ 20 MB in every web process that never pings.
    import redis

    timeout = settings.HEALTH_CHECK_TIMEOUT_SECONDS
    client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
    try:
        client.ping()
    except redis.RedisError as error:
        logger.warning("Health: Redis unavailable: %s", type(error).__name__)
        return Check(False, "redis unavailable")
    finally:
        client.close()
    return Check(True, "redis answers")


def celery_check(*, now: dt.datetime | None = None) -> Check:
    """The minute jobs ran successfully lately: beat sent them and a worker ran them.

    Works alike with Redis and the embedded filesystem broker (a worker ping through the
    filesystem transport would have to wait for its polling interval)."""
    since = (now or timezone.now()) - dt.timedelta(seconds=settings.HEALTH_CELERY_MAX_AGE_SECONDS)
    try:
        fresh = SweepStatus.objects.filter(
            name__in=MINUTE_JOBS, last_ok=True, last_finished_at__gte=since
        ).count()
    except DatabaseError as error:
        logger.warning("Health: database unavailable: %s", type(error).__name__)
        return Check(False, "database unavailable")
    if fresh < len(MINUTE_JOBS):
        return Check(False, "scheduled jobs have not run lately")
    return Check(True, "scheduled jobs ran lately")
