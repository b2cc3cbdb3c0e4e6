"""The purge is a nightly job of the beat schedule, runs on the demo clock with every other
job (`run_deadline_checks --at`), and has its own command with a dry run."""

import datetime as dt
import io
from typing import Any

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from backend.audit.personal_data import ERASED_PREFIX
from backend.config.celery import app
from backend.plans.models import PlanAttachment
from backend.retention.models import RetentionRun
from notifications.models import SweepStatus
from notifications.runs import JOBS
from tests.helpers import reload
from tests.retention.conftest import deactivated_user

pytestmark = pytest.mark.django_db

TASK = "notifications.tasks.retention_purge_task"


def test_the_purge_is_scheduled_nightly_in_prague() -> None:
    (entry,) = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == TASK]
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert schedule.hour == {2} and schedule.minute == {30}
    assert settings.CELERY_TIMEZONE == "Europe/Prague"
    assert JOBS["retention"][0] == TASK
    app.loader.import_default_modules()
    assert TASK in app.tasks


def test_the_task_runs_the_job_and_records_it(db: None) -> None:
    user = deactivated_user("gone", deactivated_at=timezone.now() - dt.timedelta(days=731))
    result = app.tasks[TASK].apply().get()
    assert result["accounts"] == 1 and result["dry_run"] is False
    assert reload(user).username.startswith(ERASED_PREFIX)
    status = SweepStatus.objects.get(name="retention")
    assert status.last_ok and status.last_result["accounts"] == 1


def test_the_demo_clock_runs_the_purge_with_the_other_jobs(db: None) -> None:
    user = deactivated_user("gone", deactivated_at=timezone.now())
    out = io.StringIO()
    call_command("run_deadline_checks", "--at", "+729d", stdout=out)
    assert '"retention"' in out.getvalue()
    assert reload(user).username == "gone"  # 729 days: within the period
    call_command("run_deadline_checks", "--at", "+731d", stdout=io.StringIO())
    assert reload(user).username == f"{ERASED_PREFIX}{user.pk}"
    assert [r.counts["accounts"] for r in RetentionRun.objects.order_by("pk")] == [0, 1]
    call_command("run_deadline_checks", "--at", "+731d", stdout=io.StringIO())
    assert RetentionRun.objects.order_by("-pk").first().counts["accounts"] == 0  # type: ignore[union-attr]


def test_the_command_dry_run_then_run(past_and_within: dict[str, Any]) -> None:
    out = io.StringIO()
    call_command("retention_purge", "--dry-run", "--at", "2027-03-15T02:30", stdout=out)
    text = out.getvalue()
    assert "dry run: nothing changed" in text
    assert "2 files of plans ended without inclusion to remove" in " ".join(text.split())
    assert not PlanAttachment.objects.filter(purged_at__isnull=False).exists()
    out = io.StringIO()
    call_command("retention_purge", "--at", "2027-03-15T02:30", stdout=out)
    assert "1 deactivated accounts anonymised" in " ".join(out.getvalue().split())
    assert PlanAttachment.objects.filter(purged_at__isnull=False).count() == 2
    assert list(RetentionRun.objects.order_by("pk").values_list("dry_run", flat=True)) == [
        True,
        False,
    ]
