"""The inbox web pages: own notifications only, opening marks read and leads to the plan,
the unread badge, and e-mail settings that cannot switch off the legally relevant kinds."""

import datetime as dt
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from backend.machines.plan_review.states import PlanState
from notifications.kinds import Kind
from notifications.models import EmailOptOut, Notification
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(service: Any) -> Any:
    return factories.plan_in_state(PlanState.AWAITING_DECISION, service=service)


def _notify(user: Any, plan: Any, occasion: str) -> Notification:
    return Notification.objects.create(
        recipient=user,
        kind=Kind.PLAN_CHANGED,
        content_type=ContentType.objects.get_for_model(plan),
        object_id=plan.pk,
        deadline=dt.date(2026, 4, 8),
        occasion=occasion,
        context={"transition": "route", "target": PlanState.AWAITING_DECISION},
    )


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_inbox_lists_only_own_notifications_and_counts_unread(
    provider_user: Any,
    other_provider_user: Any,
    plan: Any,
) -> None:
    mine = _notify(provider_user, plan, "event-1")
    _notify(other_provider_user, plan, "event-2")
    response = _client(provider_user).get(reverse("notifications:inbox"))
    assert response.status_code == 200
    assert [n.pk for n, _ in response.context["items"]] == [mine.pk]
    assert response.context["nav"]["unread"] == 1
    assert 'class="badge"' in response.content.decode()


def test_opening_marks_read_and_leads_to_the_plan(
    provider_user: Any,
    plan: Any,
) -> None:
    notification = _notify(provider_user, plan, "event-1")
    response = _client(provider_user).post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:detail", args=[plan.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_nobody_opens_another_users_notification(
    provider_user: Any,
    other_provider_user: Any,
    plan: Any,
) -> None:
    notification = _notify(provider_user, plan, "event-1")
    response = _client(other_provider_user).post(
        reverse("notifications:open", args=[notification.pk])
    )
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read(provider_user: Any, plan: Any) -> None:
    _notify(provider_user, plan, "event-1")
    _notify(provider_user, plan, "event-2")
    _client(provider_user).post(reverse("notifications:read_all"))
    assert provider_user.notifications.filter(read_at__isnull=True).count() == 0


def test_e_mail_settings_turn_off_optional_kinds_only(provider_user: Any) -> None:
    client = _client(provider_user)
    optional_on = {Kind.PLAN_CHANGED.value: "", Kind.DRAFT_REMINDER.value: "on"}
    # A disabled field keeps its initial value whatever is posted: the decision stays on.
    response = client.post(reverse("notifications:preferences"), optional_on)
    assert response.status_code == 302
    off = set(EmailOptOut.objects.filter(user=provider_user).values_list("kind", flat=True))
    assert Kind.PLAN_CHANGED.value in off
    assert Kind.DRAFT_REMINDER.value not in off
    assert Kind.PLAN_DECIDED.value not in off
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert f'name="{Kind.PLAN_DECIDED.value}"' in page and "disabled" in page
