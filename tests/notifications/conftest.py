"""Fixtures for the scheduled jobs: a frozen Prague clock and helpers to run a job at a
moment and look at what it left behind."""

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from backend.accounts.models import Role, User
from backend.core.enqueue import inline_delivery
from backend.machines.plan_review.states import PlanState
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.runs import run_all_now
from tests import factories
from tests.helpers import prague


def run_at(moment: dt.datetime, job: Callable[..., Any] | None = None, **kwargs: Any) -> Any:
    """Run `job` (default: every job, delivering inline) with the clock frozen at `moment`."""
    with time_machine.travel(moment, tick=False), inline_delivery():
        return (job or run_all_now)(**kwargs)


def notices(**filters: Any) -> Counter[tuple[str, str]]:
    """(kind, recipient username) → how many notifications."""
    rows = Notification.objects.filter(**filters).values_list("kind", "recipient__username")
    return Counter(rows)


def mails_to(username: str) -> list[Any]:
    return [m for m in mail.outbox if any(to.startswith(f"{username}@") for to in m.to)]


@pytest.fixture(autouse=True)
def _english_recipients(monkeypatch: pytest.MonkeyPatch) -> None:
    """Users made by these tests read English (their e-mails come in their language; the
    Czech e-mails are checked in test_rendering.py)."""
    field = User._meta.get_field("language")
    monkeypatch.setattr(field, "_get_default", lambda: "en")


@pytest.fixture
def colleague(provider: Any) -> Any:
    """A second user of the provider: told about what the first one does."""
    return factories.user_with_role(Role.PROVIDER_USER, provider, username="tulipan.kolega")


@pytest.fixture
def morning() -> Callable[[int, int, int], dt.datetime]:
    """6:00 in Prague on a day: when the deadline sweep has surely run."""
    return lambda year, month, day: prague(year, month, day, 6)


@pytest.fixture
def notice(provider_user: Any, service: Any) -> Notification:
    """A notice of a plan's step to its provider, its e-mail not sent yet."""
    plan = factories.plan_in_state(PlanState.AWAITING_DECISION, service=service)
    return Notification.objects.create(
        recipient=provider_user,
        kind=Kind.PLAN_CHANGED,
        content_type=ContentType.objects.get_for_model(plan),
        object_id=plan.pk,
        deadline=dt.date(2026, 4, 8),
        occasion="event-1",
        context={"transition": "route", "target": PlanState.AWAITING_DECISION},
    )
