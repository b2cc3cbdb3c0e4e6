"""An overdue remedy: one notice to the regional office per entry and remedy date, a task on
the officer's list until the office decides; the provider's reminders stop once decided."""

import datetime as dt
from typing import Any

import pytest
import time_machine

from backend.plans.worklist import worklist_refs_for_user
from backend.remedies.services import remedy_confirm, remedy_statement_send
from notifications.kinds import Kind
from notifications.models import Notification
from tests.helpers import prague, reload
from tests.notifications.conftest import run_at

pytestmark = pytest.mark.django_db

D = dt.date


def _sweep(day: dt.date) -> None:
    for _ in range(2):
        run_at(prague(day.year, day.month, day.day, 6))


def _tasks(user: Any, day: dt.date) -> list[Any]:
    with time_machine.travel(prague(day.year, day.month, day.day, 9)):
        return [ref for ref in worklist_refs_for_user(user=user) if ref.kind == "remedy"]


def test_once_per_entry_and_date_and_no_more_once_decided(
    reserved: Any, provider_user: Any, regional_officer: Any
) -> None:
    _sweep(D(2026, 4, 8))
    _sweep(D(2026, 4, 9))
    assert Notification.objects.filter(kind=Kind.REMEDY_OVERDUE).count() == 1
    assert [ref.plan_id for ref in _tasks(regional_officer, D(2026, 4, 9))] == [reserved.pk]
    # A statement does not close the task: the office still has to decide.
    remedy_statement_send(entry=reserved, by=provider_user, text="Doloženo.")
    assert len(_tasks(regional_officer, D(2026, 4, 9))) == 1
    # The office moves the date (a new remedy date is a new deadline, told once again).
    entry = reload(reserved)
    entry.remedy_due = D(2026, 4, 30)
    entry.save()
    _sweep(D(2026, 5, 4))
    _sweep(D(2026, 5, 5))
    overdue = Notification.objects.filter(kind=Kind.REMEDY_OVERDUE)
    assert sorted(overdue.values_list("deadline", flat=True)) == [D(2026, 4, 7), D(2026, 4, 30)]
    with time_machine.travel(prague(2026, 5, 6, 9)):
        remedy_confirm(
            entry=entry,
            by=regional_officer,
            resolution_number="120/26/RK",
            resolution_date=D(2026, 5, 6),
        )
    _sweep(D(2026, 5, 7))
    assert overdue.count() == 2
    assert _tasks(regional_officer, D(2026, 5, 7)) == []


def test_the_provider_is_reminded_before_the_date_until_it_is_decided(
    reserved: Any, provider_user: Any, regional_officer: Any
) -> None:
    _sweep(D(2026, 3, 31))  # 5 working days before 7 Apr (Easter Monday 6 Apr 2026)
    reminders = Notification.objects.filter(kind=Kind.REMEDY_REMINDER, recipient=provider_user)
    assert reminders.count() == 1
    remedy_confirm(
        entry=reserved,
        by=regional_officer,
        resolution_number="120/26/RK",
        resolution_date=D(2026, 4, 1),
    )
    _sweep(D(2026, 4, 2))  # the 1-day reminder would be due now
    assert reminders.count() == 1
