"""Reads of the notifications app: a user's inbox and e-mail preferences."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from notifications.kinds import Kind, is_optional
from notifications.models import EmailOptOut, Notification


def notification_list_for_user(*, user: Any) -> QuerySet[Notification]:
    """The user's inbox, newest first (render each with `notifications.rendering.
    notification_render`; `read_at` is None while unread)."""
    if user is None or not user.is_authenticated:
        return Notification.objects.none()
    return (
        Notification.objects.filter(recipient_id=user.pk)
        .select_related("recipient", "content_type")
        .prefetch_related("subject")
        .order_by("-created_at", "-id")
    )


def notification_unread_count(*, user: Any) -> int:
    """How many of the user's notifications are unread (a partial index serves it)."""
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def notification_get_for_user(*, user: Any, notification_id: int) -> Notification:
    """One of the user's notifications (DoesNotExist for anybody else's)."""
    return notification_list_for_user(user=user).get(pk=notification_id)


@dataclass(frozen=True)
class EmailPreference:
    kind: str
    label: str
    optional: bool
    email: bool


def notification_email_preferences(*, user: Any) -> list[EmailPreference]:
    """Every kind with whether the user gets its e-mail; `optional` is False for the legally
    relevant kinds, which are always e-mailed."""
    off = set(EmailOptOut.objects.filter(user_id=user.pk).values_list("kind", flat=True))
    return [
        EmailPreference(
            kind=kind.value,
            label=str(kind.label),
            optional=is_optional(kind),
            email=not (is_optional(kind) and kind.value in off),
        )
        for kind in Kind
    ]
