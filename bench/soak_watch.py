"""What the soak (bench/soak.py) watches besides the answers: the memory of the servers, the
demo clock that makes deadlines pass, and the delivery of every notice.

    DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python -m bench.soak_watch clock \
        --days 20 --seconds 600

runs the demo clock alone: every `seconds / days` the scheduled jobs (calls, deadlines,
digest) run once as if one more day had passed, as `manage.py run_deadline_checks --at +Nd`
does — but the notices and e-mails they cause are left to the Celery worker, as in
production, not delivered inline. One JSON line per day on stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.parser
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import django

from bench.cpu import children_rss_mb, rss_mb

if __name__ == "__main__":
    django.setup()

# --- memory ---------------------------------------------------------------------------------


@dataclass
class MemorySamples:
    """The resident memory of gunicorn's workers (the master's children) and of the Celery
    workers (each one's main process and pool, summed), sampled over the soak."""

    gunicorn_pid: int
    worker_pids: list[int]
    started: float = field(default_factory=time.monotonic)
    rows: list[dict[str, Any]] = field(default_factory=list)

    def sample(self) -> None:
        web = children_rss_mb(self.gunicorn_pid)
        pool = {pid: mb for w in self.worker_pids for pid, mb in children_rss_mb(w).items()}
        main = sum(rss_mb(w) for w in self.worker_pids)
        self.rows.append(
            {
                "t": round(time.monotonic() - self.started, 1),
                "web_mb": round(sum(web.values()), 1),
                "web_workers": len(web),
                "web_max_mb": round(max(web.values(), default=0.0), 1),
                "worker_mb": round(main + sum(pool.values()), 1),
                "worker_main_mb": round(main, 1),
                "worker_pool": {str(pid): round(mb, 1) for pid, mb in sorted(pool.items())},
            }
        )

    def pool_processes(self) -> int:
        """How many pool processes the workers ran over the samples (more than their
        concurrency when a child was replaced)."""
        return len({pid for r in self.rows for pid in r["worker_pool"]})

    def growth(self, key: str) -> dict[str, float]:
        """The median of the last quarter's samples against the first quarter's."""
        quarter = max(1, len(self.rows) // 4)
        first = statistics.median(r[key] for r in self.rows[:quarter])
        last = statistics.median(r[key] for r in self.rows[-quarter:])
        return {
            "first_quarter_mb": round(first, 1),
            "last_quarter_mb": round(last, 1),
            "growth_mb": round(last - first, 1),
            "growth_pct": round((last - first) / first * 100, 1) if first else float("nan"),
            "peak_mb": max(r[key] for r in self.rows),
        }


# --- the demo clock -------------------------------------------------------------------------


def clock_run(*, days: int, seconds: float) -> None:
    """Advance the demo clock by one day every `seconds / days` and run the scheduled jobs
    at that moment (the worker and beat deliver what they cause)."""
    import time_machine
    from django.db import close_old_connections
    from django.utils import timezone

    from notifications.runs import job_run

    start, began = timezone.now(), time.monotonic()
    for day in range(1, days + 1):
        time.sleep(max(0.0, began + day * seconds / days - time.monotonic()))
        moment = start + dt.timedelta(days=day)
        close_old_connections()
        ran = time.monotonic()
        with time_machine.travel(moment, tick=True):
            results = {name: job_run(name) for name in ("calls", "deadlines", "digest")}
        line = {"day": day, "at": moment.isoformat(), "seconds": time.monotonic() - ran}
        print(json.dumps({**line, "results": results}, default=str), flush=True)


# --- delivery -------------------------------------------------------------------------------

MESSAGE_ID = re.compile(r"<notification-(\d+)@")


def mail_folder_ids(folder: Path) -> list[int]:
    """The notification id of every message in the mail folder (one per file), from its
    Message-ID; a file without one counts as -1."""
    parser = email.parser.BytesHeaderParser()
    ids = []
    for path in sorted(folder.glob("*.eml")):
        match = MESSAGE_ID.search(parser.parsebytes(path.read_bytes()).get("Message-ID", ""))
        ids.append(int(match.group(1)) if match else -1)
    return ids


def first_new_ids() -> dict[str, int]:
    """The ids the soak's events and notifications start after."""
    from django.db.models import Max

    from notifications.models import Event, Notification

    return {
        "event": Event.objects.aggregate(m=Max("id"))["m"] or 0,
        "notification": Notification.objects.aggregate(m=Max("id"))["m"] or 0,
    }


def undelivered(after: dict[str, int]) -> dict[str, int]:
    """The soak's events not yet turned into notices and e-mails not yet settled."""
    from notifications.models import EmailStatus, Event, Notification

    open_states = [EmailStatus.PENDING, EmailStatus.SENDING]
    return {
        "events_unprocessed": Event.objects.filter(
            id__gt=after["event"], processed_at__isnull=True
        ).count(),
        "emails_open": Notification.objects.filter(
            id__gt=after["notification"], email_status__in=open_states
        ).count(),
    }


def settle(after: dict[str, int], seconds: float) -> dict[str, Any]:
    """Wait (at most `seconds`) until the worker has turned every event of the soak into its
    notices and settled every e-mail; returns how long it took and what was left."""
    from django.db import close_old_connections

    began = time.monotonic()
    while True:
        close_old_connections()
        left = undelivered(after)
        if not any(left.values()) or time.monotonic() - began > seconds:
            return {"seconds": round(time.monotonic() - began, 1), **left}
        time.sleep(2)


def delivery_check(after: dict[str, int], folder: Path) -> dict[str, Any]:
    """Every notice of the soak once, every e-mail sent exactly once: the notifications made
    since `after` by kind and e-mail status, against the messages in the mail folder (by
    Message-ID, one file each)."""
    from collections import Counter

    from django.db.models import Count

    from notifications.models import EmailStatus, Event, Notification

    new = Notification.objects.filter(id__gt=after["notification"])
    sent = set(new.filter(email_status=EmailStatus.SENT).values_list("id", flat=True))
    in_folder = Counter(mail_folder_ids(folder))
    duplicated_notices = (
        new.values("recipient", "kind", "content_type", "object_id", "deadline", "occasion")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    return {
        "events": Event.objects.filter(id__gt=after["event"]).count(),
        "notifications": new.count(),
        "by_kind": dict(Counter(new.values_list("kind", flat=True)).most_common()),
        "by_email_status": dict(Counter(new.values_list("email_status", flat=True))),
        "files": sum(in_folder.values()),
        "sent_without_file": len(sent - set(in_folder)),
        "files_twice": sum(1 for n in in_folder.values() if n > 1),
        "files_not_sent": sum(n for pk, n in in_folder.items() if pk not in sent),
        "duplicated_notices": duplicated_notices,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["clock"])
    parser.add_argument("--days", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=600.0)
    args = parser.parse_args()
    clock_run(days=args.days, seconds=args.seconds)
    sys.exit(0)


if __name__ == "__main__":
    main()
