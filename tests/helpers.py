"""Small helpers shared by the tests (import them; fixtures live in conftest.py)."""

import datetime as dt
import os
import subprocess
import sys
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.test import Client
from django.urls import reverse
from django_fsm_log.models import StateLog

from backend.core.deadlines import PRAGUE
from backend.core.locking import lock
from backend.events.models import Event
from workflows.running import run_transition

M = TypeVar("M", bound=models.Model)


def prague(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> dt.datetime:
    """An aware instant on the Prague wall clock."""
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=PRAGUE)


def reload(instance: M) -> M:
    """A fresh copy of the row (the FSM state field cannot be refreshed in place safely)."""
    return type(instance)._default_manager.get(pk=instance.pk)


def state_logs(instance: models.Model) -> models.QuerySet[StateLog]:
    return StateLog.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
    ).order_by("id")


def events(instance: models.Model) -> models.QuerySet[Event]:
    return Event.objects.filter(
        content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
    ).order_by("id")


def transition_directly(instance: M, name: str, *, by: Any) -> M:
    """Run a transition through the one door without an action wrapper (used for the
    system-only transitions, whose actions take no user)."""
    with transaction.atomic():
        locked = lock(instance)
        run_transition(locked, name, by=by)
    return locked


# Liberec's council resolution of the TULIPAN case, as the secretary's form posts it.
RESOLUTION_FORM = {"number": "827/2017", "meeting_date": "2017-08-29", "outcome": "approved"}


def resolution_post(client: Client, opinion: models.Model, **fields: Any) -> Any:
    """Post the council resolution form of `opinion`: RESOLUTION_FORM with `fields` (e.g.
    `document=` an upload)."""
    url = reverse("plans:opinion_resolution", args=[opinion.pk])
    return client.post(url, {**RESOLUTION_FORM, **fields})


def run_fresh_django(
    code: str, *, unset: tuple[str, ...] = (), **env: str
) -> subprocess.CompletedProcess[str]:
    """Run `code` in a new Python process set up with the project's settings module and this
    environment (less `unset`, plus `env`): the settings as a deployment reads them."""
    environ = {key: value for key, value in os.environ.items() if key not in unset}
    environ.update(DJANGO_SETTINGS_MODULE="backend.config.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=environ,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def output_of_fresh_django(code: str, *, unset: tuple[str, ...] = (), **env: str) -> str:
    """What `code` prints in a fresh Django process (`run_fresh_django`); it must succeed."""
    out = run_fresh_django(code, unset=unset, **env)
    out.check_returncode()
    return out.stdout.strip()
