"""What the system holds about one person, and the GDPR erasure that keeps the legal record.

`personal_data_export` gathers everything linked to a user account: the account itself, its
memberships, API tokens, notifications and e-mail settings, what the person did (transitions,
deadline changes, plans, attachments, opinions, resolutions, decisions, field history) and
what they read (the access log), plus login records when django-axes / django-otp are on.

`personal_data_erase` anonymises the account — name, e-mail and username replaced, login
disabled, memberships, tokens, inbox, e-mail settings, sessions, second-factor devices and
login records removed — while the legal record stays: plans, opinions, resolutions,
decisions, the transition log, deadline changes, the field history and the access log keep
the user's id, which now points to the anonymised account. docs/personal-data.md.
"""

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.utils import timezone
from django_fsm_log.models import StateLog

from backend.audit.history import historical_models
from backend.audit.models import AttachmentAccess

if TYPE_CHECKING:
    from django_otp.models import Device

ERASED_PREFIX = "erased-"

# (label, model, field pointing at the user, fields exported) — what a person did.
_ACTIONS: list[tuple[str, str, str, list[str]]] = [
    ("plans_created", "plans.DevelopmentPlan", "created_by", ["id", "state", "created_at"]),
    (
        "attachments_uploaded",
        "plans.PlanAttachment",
        "uploaded_by",
        ["id", "plan_id", "original_name", "uploaded_at"],
    ),
    ("opinions_issued", "plans.MunicipalOpinion", "issued_by", ["id", "plan_id", "issued_at"]),
    (
        "resolutions_recorded",
        "plans.CouncilResolution",
        "recorded_by",
        ["id", "number", "recorded_at"],
    ),
    ("decisions_made", "plans.RegionalDecision", "decided_by", ["id", "plan_id", "decided_at"]),
    (
        "documents_generated",
        "documents.Document",
        "created_by",
        ["id", "plan_id", "filename", "created_at"],
    ),
    (
        "deadline_changes",
        "workflows.DeadlineChange",
        "changed_by",
        ["id", "plan_id", "field", "old_date", "new_date", "reason", "changed_at"],
    ),
]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _rows(queryset: models.QuerySet, fields: list[str]) -> list[dict[str, Any]]:
    return [
        {key: _plain(value) for key, value in row.items()}
        for row in queryset.order_by("pk").values(*fields)
    ]


def _login_records(user: Any) -> dict[str, list[dict[str, Any]]]:
    """Failed and successful logins (django-axes keeps the address and browser)."""
    records: dict[str, list[dict[str, Any]]] = {}
    if apps.is_installed("axes"):
        for name in ("AccessAttempt", "AccessFailureLog", "AccessLog"):
            model = apps.get_model("axes", name)
            fields = [f.name for f in model._meta.concrete_fields if f.name != "id"]
            records[name] = _rows(model.objects.filter(username=user.username), fields)
    return records


def _otp_devices(user: Any) -> "list[Device]":
    if not apps.is_installed("django_otp"):
        return []
    from django_otp import devices_for_user

    return list(devices_for_user(user, confirmed=None))


def personal_data_export(*, user: Any) -> dict[str, Any]:
    """Everything the system holds about `user`, as JSON-ready data."""
    account_fields = [
        "id",
        "username",
        "first_name",
        "last_name",
        "email",
        "language",
        "is_active",
        "is_staff",
        "date_joined",
        "last_login",
    ]
    data: dict[str, Any] = {
        "account": {field: _plain(getattr(user, field)) for field in account_fields},
        "memberships": [
            {
                "role": membership.role,
                "organisation": str(
                    membership.provider or membership.municipality or membership.region
                ),
            }
            for membership in user.memberships.select_related("provider", "municipality", "region")
        ],
        "api_tokens": _rows(
            user.api_tokens.all(), ["name", "prefix", "created_at", "last_used_at", "expires_at"]
        )
        if hasattr(user, "api_tokens")
        else [],
        "notifications": _rows(
            apps.get_model("notifications", "Notification").objects.filter(recipient=user),
            ["kind", "object_id", "deadline", "created_at", "read_at", "emailed_at"],
        ),
        "email_opt_outs": _rows(
            apps.get_model("notifications", "EmailOptOut").objects.filter(user=user), ["kind"]
        ),
        "transitions": [
            {
                "timestamp": _plain(log.timestamp),
                "object": f"{log.content_type.model}:{log.object_id}",
                "transition": log.transition,
                "from": log.source_state,
                "to": log.state,
                "comment": log.description or "",
            }
            for log in StateLog.objects.filter(by=user).select_related("content_type")
        ],
        "field_history": [
            {
                "model": model._meta.label,
                "object_id": row["id"],
                "date": _plain(row["history_date"]),
                "type": row["history_type"],
            }
            for model in historical_models()
            for row in model._default_manager.filter(history_user=user)
            .order_by("history_id")
            .values("id", "history_date", "history_type")
        ],
        "documents_read": _rows(
            AttachmentAccess.objects.filter(user=user),
            ["accessed_at", "plan_id", "kind", "filename", "channel"],
        ),
        "second_factor_devices": [
            {"type": type(device).__name__, "name": device.name, "confirmed": device.confirmed}
            for device in _otp_devices(user)
        ],
        "login_records": _login_records(user),
    }
    for label, model_label, field, fields in _ACTIONS:
        model = apps.get_model(model_label)
        data[label] = _rows(model.objects.filter(**{field: user}), fields)
    return data


def _user_sessions(user: Any) -> list[str]:
    keys = []
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == str(user.pk):
            keys.append(session.session_key)
    return keys


def personal_data_erase(*, user: Any) -> Any:
    """Anonymise the account and remove what is only about the person; the legal record
    (who submitted, decided, changed or read what) keeps the now anonymous user id."""
    old_username = user.username
    with transaction.atomic():
        user.username = f"{ERASED_PREFIX}{user.pk}"
        user.first_name = ""
        user.last_name = ""
        user.email = ""
        user.is_active = False
        user.deactivated_at = user.deactivated_at or timezone.now()
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        user.memberships.all().delete()
        if hasattr(user, "api_tokens"):
            user.api_tokens.all().delete()
        apps.get_model("notifications", "Notification").objects.filter(recipient=user).delete()
        apps.get_model("notifications", "EmailOptOut").objects.filter(user=user).delete()
        Session.objects.filter(session_key__in=_user_sessions(user)).delete()
        for device in _otp_devices(user):
            device.delete()
        if apps.is_installed("axes"):
            for name in ("AccessAttempt", "AccessFailureLog", "AccessLog"):
                apps.get_model("axes", name).objects.filter(username=old_username).delete()
    return user
