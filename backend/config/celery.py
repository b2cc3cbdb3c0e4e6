"""The Celery application: configured from Django settings (the CELERY_* names), tasks from
each app's tasks.py. Start the worker with `celery -A backend.config worker` and the
scheduler with `celery -A backend.config beat` (see scripts/start.sh)."""

import os
from typing import Any

from celery import Celery
from django.db import InterfaceError, OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.config.settings")

app = Celery("zsss")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# What every task of the project shares (`@shared_task(**TASK_OPTIONS)`): acknowledged late
# (a task lost with its worker runs again) and retried with backoff while the database is
# unreachable.
TRANSIENT = (OperationalError, InterfaceError)
TASK_OPTIONS: dict[str, Any] = {
    "acks_late": True,
    "autoretry_for": TRANSIENT,
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
}
