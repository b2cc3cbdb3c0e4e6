"""A worker killed in the middle of sending an e-mail, at each point of the send, on real
worker processes and a real Redis: what the delivery guarantee is, transport by transport.

- killed after the transport has the message, before the row is marked sent: the e-mail is
  sent again after the lease — the folder transport keeps one file (one per Message-ID), an
  SMTP server gets it a second time with the same Message-ID (at most one duplicate);
- killed after the row is marked, while the connection closes: never sent again.

(Killed before the transport has it: test_celery_redis.py, sent once after the restart.)
"""

import time
from pathlib import Path
from typing import Any

import redis

from notifications.kinds import Kind
from notifications.models import EmailStatus, Notification
from notifications.tasks import deadlines_sweep_task
from tests.integration.brokers import WORKER_ON_REDIS, idle, mails
from tests.integration.processes import wait_for, worker
from tests.integration.slow_mail import accepted

pytestmark = WORKER_ON_REDIS

FOLDER = "tests.integration.slow_mail.SlowEmlBackend"
SMTP = "tests.integration.slow_mail.CountingSmtpBackend"


def _kill_at(point: str, backend: str, env: dict[str, str], place: Path) -> Notification:
    """Send the reminder's e-mail with a worker killed (SIGKILL) at `point` of the send; the
    reminder as it is left."""
    slow = {**env, "EMAIL_BACKEND": backend, "SLOW_MAIL_AT": point, "SLOW_MAIL_SECONDS": "30"}
    marker = place / f"at-{point}"
    first = worker(slow, place / "worker-1.log").start(ready="ready.")
    try:
        deadlines_sweep_task.delay()
        wait_for(lambda: marker.exists() and any(marker.iterdir()), timeout=60, what=point)
        first.kill()
    finally:
        first.stop()
    return Notification.objects.get(kind=Kind.OPINION_REMINDER)


def _restart_until_done(env: dict[str, str], place: Path, backend: str, client: Any) -> None:
    """A fresh worker: Redis hands the killed worker's task out again after its visibility
    timeout (4 s), by when the claim's lease (3 s) has expired."""
    second = worker({**env, "EMAIL_BACKEND": backend}, place / "worker-2.log").start(ready="ready.")
    try:
        wait_for(
            lambda: Notification.objects.filter(email_status=EmailStatus.SENT).exists(),
            timeout=90,
            what="the reminder marked sent",
        )
        wait_for(lambda: idle(client), timeout=30, what="the queue to drain")
        time.sleep(5)  # past another lease and visibility timeout: nothing is sent again
        assert idle(client)
    finally:
        second.stop()


def test_killed_after_the_folder_transport_wrote_the_file_it_stays_one_file(
    env: dict[str, str], place: Path, broker: redis.Redis, due_reminder: Any
) -> None:
    reminder = _kill_at("after", FOLDER, env, place)
    assert reminder.email_status == EmailStatus.SENDING  # written, not marked
    assert len(mails(place)) == 1

    _restart_until_done(env, place, FOLDER, broker)
    reminder.refresh_from_db()
    assert (reminder.email_status, reminder.email_attempts) == (EmailStatus.SENT, 2)
    (mail,) = mails(place)  # the second sending found its file: still one
    assert f"<notification-{reminder.pk}@" in mail.read_text()


def test_killed_after_the_smtp_server_accepted_it_is_sent_at_most_once_more(
    env: dict[str, str], place: Path, broker: redis.Redis, due_reminder: Any
) -> None:
    reminder = _kill_at("after", SMTP, env, place)
    assert reminder.email_status == EmailStatus.SENDING
    assert len(accepted(place)) == 1

    _restart_until_done(env, place, SMTP, broker)
    reminder.refresh_from_db()
    assert (reminder.email_status, reminder.email_attempts) == (EmailStatus.SENT, 2)
    message_id = f"<notification-{reminder.pk}@kraj-lbc.example>"
    assert accepted(place) == [message_id, message_id]  # one duplicate, recognisably so


def test_killed_while_the_smtp_connection_closes_it_is_not_sent_again(
    env: dict[str, str], place: Path, broker: redis.Redis, due_reminder: Any
) -> None:
    reminder = _kill_at("close", SMTP, env, place)
    assert (reminder.email_status, reminder.email_attempts) == (EmailStatus.SENT, 1)

    _restart_until_done(env, place, SMTP, broker)
    reminder.refresh_from_db()
    assert (reminder.email_status, reminder.email_attempts) == (EmailStatus.SENT, 1)
    assert accepted(place) == [f"<notification-{reminder.pk}@kraj-lbc.example>"]
