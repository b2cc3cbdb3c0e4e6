"""The regional office in the admin: the schedule with each job's next and last run, and
the action that extends a deadline."""

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from backend.demo.organisations import _regional_group
from backend.machines.plan_review.states import PlanState
from tests import factories
from tests.helpers import prague, reload
from tests.notifications.conftest import run_at
from workflows.models import DeadlineChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(regional_officer: Any, client: Any) -> Any:
    regional_officer.is_staff = True
    regional_officer.save()
    regional_officer.groups.add(_regional_group())
    client.force_login(regional_officer)
    return client


def test_the_schedule_shows_next_and_last_runs(officer: Any) -> None:
    every_minute = IntervalSchedule.objects.create(every=60, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="calls: open and close on time",
        task="notifications.tasks.calls_sweep_task",
        interval=every_minute,
    )
    run_at(prague(2026, 4, 8, 12))
    page = officer.get(reverse("admin:notifications_sweepstatus_changelist"))
    assert page.status_code == 200
    text = page.content.decode()
    for job in ("calls", "deadlines", "outbox", "digest"):
        assert f">{job}<" in text
    assert "every 60 seconds" in text  # the schedule of the calls job
    assert (
        officer.get(reverse("admin:django_celery_beat_periodictask_changelist")).status_code == 200
    )
    # Visible, not editable.
    change = reverse(
        "admin:django_celery_beat_periodictask_change", args=[PeriodicTask.objects.get().pk]
    )
    assert officer.post(change, {"name": "x"}).status_code == 403


def test_the_admin_action_extends_a_deadline(officer: Any, service: Any) -> None:
    plan = factories.plan_in_state(
        PlanState.RETURNED, service=service, completion_due=dt.date(2026, 4, 17)
    )
    response = officer.post(
        reverse("admin:plans_developmentplan_changelist"),
        {
            "action": "extend_deadline",
            "_selected_action": [plan.pk],
            "working_days": "3",
            "comment": "Žádost poskytovatele.",
        },
    )
    assert response.status_code == 302
    assert reload(plan).completion_due == dt.date(2026, 4, 22)
    (change,) = DeadlineChange.objects.all()
    assert change.reason == "Žádost poskytovatele."
