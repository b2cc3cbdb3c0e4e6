"""Writes of the notifications app: notifications, reading them, preferences."""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.absences import substitutes_on
from backend.accounts.models import User
from backend.core.bulk_inserts import insert_values
from backend.core.enqueue import enqueue_on_commit
from notifications.kinds import Kind, is_optional
from notifications.models import EmailOptOut, Notification

# By its registered name: the tasks module imports this one (through the outbox drain).
EMAIL_DISPATCH_TASK = "notifications.tasks.email_dispatch_task"


@dataclass(frozen=True)
class Notice:
    """A notification to create: who, what kind, about what, for which deadline."""

    recipient_id: int
    kind: str
    content_type_id: int
    object_id: int
    deadline: dt.date
    occasion: str = ""
    event_id: int | None = None
    context: dict[str, Any] = field(default_factory=dict)


def with_substitutes(notices: list[Notice], day: dt.date) -> list[Notice]:
    """`notices` and, for each one to an officer absent on `day`, a copy to their substitute
    saying on whose behalf (unless the substitute is told the same already)."""
    away = substitutes_on(day, {notice.recipient_id for notice in notices})
    if not away:
        return notices
    names = {
        user.pk: user.get_full_name() or user.username for user in User.objects.filter(pk__in=away)
    }
    told = {_key(notice) for notice in notices}
    copies = []
    for notice in notices:
        substitute = away.get(notice.recipient_id)
        if substitute is None:
            continue
        copy = replace(
            notice,
            recipient_id=substitute,
            context={**notice.context, "substitute_for": names[notice.recipient_id]},
        )
        if _key(copy) not in told:
            told.add(_key(copy))
            copies.append(copy)
    return notices + copies


def _key(notice: Notice) -> tuple[Any, ...]:
    return (
        notice.recipient_id,
        notice.kind,
        notice.content_type_id,
        notice.object_id,
        notice.deadline,
        notice.occasion,
    )


# Every field of a notice is a column of its notification, by the same name.
_NOTICE_COLUMNS = tuple(notice_field.name for notice_field in fields(Notice))


def notices_create(*, notices: Iterable[Notice]) -> int:
    """Create the notifications at most once each (the unique constraint drops repeats) and
    have their e-mails sent after the transaction commits; an absent officer's substitute
    gets a copy of each. Returns how many were offered."""
    notices = with_substitutes(list(notices), timezone.localdate())
    rows = [tuple(getattr(notice, name) for name in _NOTICE_COLUMNS) for notice in notices]
    if rows:
        insert_values(
            Notification,
            _NOTICE_COLUMNS,
            rows,
            same={"created_at": timezone.now()},
            ignore_conflicts=True,
        )
        enqueue_on_commit(EMAIL_DISPATCH_TASK)
    return len(rows)


def notification_mark_read(*, notification: Notification, by: Any) -> Notification:
    """Mark one of the user's own notifications as read (idempotent)."""
    if by is None or notification.recipient_id != by.pk:
        raise PermissionDenied(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notification_mark_all_read(*, by: Any) -> int:
    """Mark every unread notification of the user as read; returns how many."""
    return Notification.objects.filter(recipient_id=by.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_email_preferences_set(*, user: Any, by: Any, email: Mapping[str, bool]) -> None:
    """Turn the e-mail of optional kinds on or off for `user` (only the user may).

    The legally relevant kinds (a deadline set or passed, a decision, an escalation) cannot
    be turned off; the inbox keeps every kind regardless.
    """
    if by is None or by.pk != user.pk:
        raise PermissionDenied(_("You can change only your own notification settings."))
    errors = {
        kind: _("This notice is legally relevant; its e-mail cannot be turned off.")
        for kind, wanted in email.items()
        if not wanted and kind in Kind.values and not is_optional(kind)
    }
    unknown = set(email) - set(Kind.values)
    if unknown:
        raise ValueError(f"unknown notification kinds: {sorted(unknown)}")
    if errors:
        raise ValidationError(errors)
    off = [kind for kind, wanted in email.items() if not wanted]
    on = [kind for kind, wanted in email.items() if wanted]
    EmailOptOut.objects.filter(user=user, kind__in=on).delete()
    EmailOptOut.objects.bulk_create(
        [EmailOptOut(user=user, kind=kind) for kind in off], ignore_conflicts=True
    )
