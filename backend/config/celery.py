"""The Celery application: configured from Django settings (the CELERY_* names), tasks from
each app's tasks.py. Start the worker with `celery -A backend.config worker` and the
scheduler with `celery -A backend.config beat` (see scripts/start.sh)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.config.settings")

app = Celery("zsss")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
