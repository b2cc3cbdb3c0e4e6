"""Announcing a call and opening it (by hand or on schedule) tells its subscribers, once per
call and stage: a second sweep, a second drain or a second open tells nobody again."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from backend.calls.services import call_create
from backend.machines.call_lifecycle.states import CallState
from backend.machines.errors import TransitionConflict
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.outbox import outbox_drain
from tests import factories
from tests.helpers import prague, reload
from workflows.call_lifecycle.actions import call_close, call_open
from workflows.call_lifecycle.deadlines import calls_sweep

pytestmark = pytest.mark.django_db


def _announce(by: Any, *paragraphs: str) -> Any:
    now = timezone.now()
    return call_create(
        by=by,
        name="Výzva 2027",
        period=factories.NetworkPeriodFactory(),
        opens_at=now + dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=20),
        opinion_deadline_days=15,
        service_types=[factories.service_type(p) for p in paragraphs],
    )


def _told(kind: str) -> list[str]:
    rows = Notification.objects.filter(kind=kind).order_by("recipient__username")
    return [row.recipient.username for row in rows]


@pytest.fixture
def people(
    service: Any,
    provider_user: Any,
    other_provider_user: Any,
    municipal_officer: Any,
    regional_officer: Any,
) -> None:
    """tulipan runs § 51, romodrom runs nothing yet, liberec hears of every call."""


def test_an_announcement_tells_the_subscribers_once(people: None, regional_officer: Any) -> None:
    call = _announce(regional_officer, "51")
    outbox_drain()
    outbox_drain()
    assert _told(Kind.CALL_ANNOUNCED) == ["liberec", "tulipan"]
    notice = Notification.objects.get(kind=Kind.CALL_ANNOUNCED, recipient__username="tulipan")
    assert notice.subject == call and notice.occasion == "call-announce"


def test_a_call_for_other_types_tells_only_the_municipality(
    people: None, regional_officer: Any
) -> None:
    _announce(regional_officer, "49")
    outbox_drain()
    assert _told(Kind.CALL_ANNOUNCED) == ["liberec"]


def test_the_scheduled_opening_tells_once_however_often_the_sweep_runs(
    people: None, regional_officer: Any
) -> None:
    with time_machine.travel(prague(2026, 3, 1, 9), tick=False):
        call = _announce(regional_officer, "51")
    with time_machine.travel(prague(2026, 3, 11, 10), tick=False):
        assert calls_sweep()["opened"]["done"] == 1
        assert calls_sweep()["opened"]["done"] == 0
        outbox_drain()
        calls_sweep()
        outbox_drain()
    assert reload(call).state == CallState.OPEN
    assert _told(Kind.CALL_OPENED) == ["liberec", "tulipan"]
    assert _told(Kind.CALL_ANNOUNCED) == ["liberec", "tulipan"]


def test_opening_by_hand_tells_once_and_cannot_repeat(people: None, regional_officer: Any) -> None:
    call = _announce(regional_officer, "51")
    call_open(call=call, by=regional_officer)
    with pytest.raises(TransitionConflict):
        call_open(call=call, by=regional_officer)
    outbox_drain()
    outbox_drain()
    assert _told(Kind.CALL_OPENED) == ["liberec", "tulipan"]
    call_close(call=call, by=regional_officer)
    outbox_drain()
    assert Notification.objects.filter(kind=Kind.CALL_OPENED).count() == 2
    assert Notification.objects.count() == 4  # announced + opened, nothing for the closing


def test_an_event_drained_again_makes_no_second_notice(people: None, regional_officer: Any) -> None:
    """The unique delivery record, not only the processed mark, keeps it to one notice."""
    from backend.events.models import Event

    _announce(regional_officer, "51")
    outbox_drain()
    Event.objects.update(processed_at=None)
    outbox_drain()
    assert _told(Kind.CALL_ANNOUNCED) == ["liberec", "tulipan"]
