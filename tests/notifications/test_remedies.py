"""A reservation's remedy date (Z1v, Z2v): the provider is reminded 5 and 1 working days
before it, the regional office is told once when it passes; a remedied entry or a moved
date makes the old reminders obsolete."""

import datetime as dt
from typing import Any

import pytest
import time_machine

from backend.network.choices import NetworkLevel
from backend.plans.worklist import worklist_refs_for_user, worklist_tasks
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.reminders import reminder_still_due
from tests import factories
from tests.helpers import prague
from tests.notifications.conftest import mails_to, run_at

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def reserved(provider: Any) -> Any:
    return factories.NetworkEntryFactory(
        service=factories.SocialServiceFactory(provider=provider, name="Chráněné bydlení Lípa"),
        level=NetworkLevel.RESERVATION_Z1V,
        remedy_due=D(2026, 4, 7),
        conditions="Doložit personální zajištění.",
    )


def _sweep(day: dt.date) -> None:
    for _ in range(2):  # twice a morning: nothing twice
        run_at(prague(day.year, day.month, day.day, 6))


def test_the_provider_is_reminded_and_the_office_told_once_when_it_passes(
    reserved: Any, provider_user: Any, regional_officer: Any
) -> None:
    for offset in range(0, 20):
        _sweep(D(2026, 3, 25) + dt.timedelta(days=offset))
    reminders = Notification.objects.filter(kind=Kind.REMEDY_REMINDER)
    assert sorted(reminders.values_list("created_at__date", "occasion")) == [
        (D(2026, 3, 27), "5wd"),
        (D(2026, 4, 2), "1wd"),
    ]
    assert {n.recipient for n in reminders} == {provider_user}
    (mail, _) = mails_to("tulipan")
    assert mail.subject == "Reminder: remedy the reservation by 7 Apr 2026"
    assert "Doložit personální zajištění." in mail.body
    assert f"/register/{reserved.pk}/" in mail.body

    (overdue,) = Notification.objects.filter(kind=Kind.REMEDY_OVERDUE)
    assert overdue.recipient == regional_officer
    assert overdue.created_at.date() == D(2026, 4, 8)
    (told,) = mails_to("kraj")
    assert told.subject == "The remedy date of Chráněné bydlení Lípa passed"
    # ...and it is a task on the officer's home page until the entry moves on.
    with time_machine.travel(prague(2026, 4, 14, 9)):
        (task,) = worklist_tasks(worklist_refs_for_user(user=regional_officer))
        assert task.subject == f"Chráněné bydlení Lípa ({reserved.period})"
        assert task.url == f"/en/register/{reserved.pk}/"
        assert task.deadline == D(2026, 4, 7)
        assert worklist_refs_for_user(user=provider_user) == []


def test_nothing_for_an_entry_without_a_reservation(
    provider: Any, provider_user: Any, regional_officer: Any
) -> None:
    factories.NetworkEntryFactory(
        service=factories.SocialServiceFactory(provider=provider),
        level=NetworkLevel.INCLUDED,
        remedy_due=D(2026, 4, 7),
    )
    for day in (D(2026, 3, 27), D(2026, 4, 2), D(2026, 4, 8)):
        _sweep(day)
    assert not Notification.objects.filter(
        kind__in=[Kind.REMEDY_REMINDER, Kind.REMEDY_OVERDUE]
    ).exists()


def test_a_remedied_entry_or_a_moved_date_makes_the_reminder_obsolete(
    reserved: Any, provider_user: Any
) -> None:
    _sweep(D(2026, 3, 27))

    def still_due() -> bool:
        return reminder_still_due(Notification.objects.get(kind=Kind.REMEDY_REMINDER))

    assert still_due()
    reserved.remedy_due = D(2026, 5, 29)
    reserved.save()
    assert not still_due()
    reserved.remedy_due, reserved.level = D(2026, 4, 7), NetworkLevel.INCLUDED
    reserved.save()
    assert not still_due()
