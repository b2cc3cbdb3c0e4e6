"""The Celery app with a pause inside the deadline sweep, for the fault tests.

Start a worker with `-A tests.integration.paused_sweep`. At the SWEEP_PAUSE_AT-th call of
SWEEP_PAUSE_IN — `expire` (an opinion recorded as not given: after the transition, before its
transaction commits) or `reminders` (a batch of reminders: after the previous batch
committed) — the worker writes SWEEP_PAUSE_MARKER and sleeps, so the test can kill it or cut
its database connection there; it carries on when the test writes SWEEP_PAUSE_MARKER.resume
(or after SWEEP_PAUSE_SECONDS). It pauses once per marker: a retry runs straight through.
"""

import os
import time
from pathlib import Path
from typing import Any

from celery.signals import worker_process_init

from backend.config.celery import app

__all__ = ["app"]


def _pausing(function: Any) -> Any:
    calls = 0

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        result = function(*args, **kwargs)
        calls += 1
        marker = Path(os.environ["SWEEP_PAUSE_MARKER"])
        if calls == int(os.environ.get("SWEEP_PAUSE_AT", "2")) and not marker.exists():
            marker.write_text(str(os.getpid()))
            resume = marker.with_suffix(".resume")
            until = time.monotonic() + float(os.environ.get("SWEEP_PAUSE_SECONDS", "60"))
            while not resume.exists() and time.monotonic() < until:
                time.sleep(0.1)
        return result

    return wrapper


@worker_process_init.connect(weak=False)
def _install_pause(**kwargs: Any) -> None:
    """In each pool process, once Django is set up."""
    from notifications import reminders
    from workflows.opinion_review import deadlines

    if os.environ.get("SWEEP_PAUSE_IN") == "expire":
        deadlines.opinion_expire = _pausing(deadlines.opinion_expire)
    else:
        reminders.members_by_organisation = _pausing(reminders.members_by_organisation)
