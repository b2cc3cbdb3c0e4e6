"""The in-app inbox behind the web page: each user sees only their own notifications, the
unread count, marking read; e-mail preferences for the optional kinds only."""

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from backend.machines.plan_review.states import PlanState
from notifications.kinds import Kind
from notifications.models import EmailOptOut, Notification
from notifications.rendering import notification_path, notification_render
from notifications.selectors import (
    notification_email_preferences,
    notification_get_for_user,
    notification_list_for_user,
    notification_unread_count,
)
from notifications.services import (
    notification_email_preferences_set,
    notification_mark_all_read,
    notification_mark_read,
)
from tests import factories

pytestmark = pytest.mark.django_db


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


@pytest.fixture
def plan(service: Any) -> Any:
    return factories.plan_in_state(PlanState.AWAITING_DECISION, service=service)


def test_a_user_sees_only_their_own_notifications(
    provider_user: Any, other_provider_user: Any, plan: Any, django_assert_max_num_queries: Any
) -> None:
    first, second = _notify(provider_user, plan, "e-1"), _notify(provider_user, plan, "e-2")
    theirs = _notify(other_provider_user, plan, "e-3")
    with django_assert_max_num_queries(3):
        inbox = list(notification_list_for_user(user=provider_user))
    assert inbox == [second, first]
    assert notification_unread_count(user=provider_user) == 2
    assert notification_list_for_user(user=AnonymousUser()).count() == 0
    assert notification_unread_count(user=AnonymousUser()) == 0
    with pytest.raises(Notification.DoesNotExist):
        notification_get_for_user(user=provider_user, notification_id=theirs.pk)
    rendered = notification_render(inbox[0])
    assert rendered.subject == f"{plan} moved on"
    assert notification_path(inbox[0]) == f"/en/plans/{plan.pk}/"  # the active language


def test_marking_read(provider_user: Any, other_provider_user: Any, plan: Any) -> None:
    first, second = _notify(provider_user, plan, "e-1"), _notify(provider_user, plan, "e-2")
    notification_mark_read(notification=first, by=provider_user)
    read_at = Notification.objects.get(pk=first.pk).read_at
    assert read_at is not None
    notification_mark_read(notification=first, by=provider_user)  # idempotent
    assert Notification.objects.get(pk=first.pk).read_at == read_at
    assert notification_unread_count(user=provider_user) == 1
    with pytest.raises(PermissionDenied):
        notification_mark_read(notification=second, by=other_provider_user)
    assert notification_mark_all_read(by=provider_user) == 1
    assert notification_unread_count(user=provider_user) == 0


def test_e_mail_preferences_cover_only_the_optional_kinds(
    provider_user: Any, other_provider_user: Any
) -> None:
    notification_email_preferences_set(
        user=provider_user,
        by=provider_user,
        email={Kind.DRAFT_REMINDER: False, Kind.DAILY_DIGEST: False},
    )
    preferences = {p.kind: p for p in notification_email_preferences(user=provider_user)}
    assert set(preferences) == set(Kind)
    assert preferences[Kind.DRAFT_REMINDER].email is False
    assert preferences[Kind.COMPLETION_REMINDER].email is True
    assert preferences[Kind.PLAN_DECIDED].optional is False
    assert preferences[Kind.PLAN_DECIDED].email is True
    # Turning one back on.
    notification_email_preferences_set(
        user=provider_user, by=provider_user, email={Kind.DRAFT_REMINDER: True}
    )
    assert set(EmailOptOut.objects.values_list("kind", flat=True)) == {Kind.DAILY_DIGEST}
    # The legally relevant ones cannot be turned off, nor someone else's.
    with pytest.raises(ValidationError) as refused:
        notification_email_preferences_set(
            user=provider_user, by=provider_user, email={Kind.PLAN_LAPSED: False}
        )
    assert "legally relevant" in refused.value.message_dict[Kind.PLAN_LAPSED][0]
    with pytest.raises(PermissionDenied):
        notification_email_preferences_set(
            user=provider_user, by=other_provider_user, email={Kind.DRAFT_REMINDER: False}
        )
