"""The retention periods of docs/personal-data.md, applied: what is past its period is
removed or anonymised; the legal record of the procedure stays.

One function per category, each `(*, now, dry_run) -> int` (how many records it changed, or
would change), and `retention_purge` running them all, logging and recording the run. Every
function selects only what is still to do, so a second run finds nothing (idempotent), and a
dry run counts exactly what a real run at the same moment would change.

What is never touched: plans, opinions, resolutions, decisions, generated documents, the
network register, the transition log, deadline changes and the field history. The document
access log is append-only (database triggers, and the application's role may not delete):
its rows past the period are counted for the operator, who truncates it deliberately.

The inbox is `notifications`' model, an app above this one: reached by its label, as the
erasure in `backend.audit.personal_data` does.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django_fsm_log.models import StateLog

from backend.audit.models import AttachmentAccess
from backend.audit.personal_data import ERASED_PREFIX, personal_data_erase
from backend.machines.plan_review.states import ENDED_WITHOUT_INCLUSION_STATES
from backend.plans.models import DevelopmentPlan, PlanAttachment
from backend.retention.models import RetentionRun

logger = logging.getLogger(__name__)

AXES_MODELS = ("AccessAttempt", "AccessFailureLog", "AccessLog")


def _cutoff(now: dt.datetime, setting: str) -> dt.datetime | None:
    """The moment before which data of this category is past its period; None when the
    period is 0 (the category switched off)."""
    days = int(getattr(settings, setting))
    return now - dt.timedelta(days=days) if days > 0 else None


def _batch() -> int:
    return int(settings.RETENTION_BATCH_SIZE)


def notifications_purge(*, now: dt.datetime, dry_run: bool) -> int:
    """Inbox notifications older than RETENTION_NOTIFICATION_DAYS are deleted."""
    cutoff = _cutoff(now, "RETENTION_NOTIFICATION_DAYS")
    if cutoff is None:
        return 0
    model = apps.get_model("notifications", "Notification")
    old = model.objects.filter(created_at__lt=cutoff)
    return old.count() if dry_run else old.delete()[1].get(model._meta.label, 0)


def login_records_purge(*, now: dt.datetime, dry_run: bool) -> int:
    """Login records of django-axes older than RETENTION_LOGIN_RECORD_DAYS are deleted."""
    cutoff = _cutoff(now, "RETENTION_LOGIN_RECORD_DAYS")
    if cutoff is None or not apps.is_installed("axes"):
        return 0
    total = 0
    for name in AXES_MODELS:
        old = apps.get_model("axes", name).objects.filter(attempt_time__lt=cutoff)
        # Deleting an attempt cascades to its expiry row: count the records of the model.
        total += old.count() if dry_run else old.delete()[1].get(f"axes.{name}", 0)
    return total


def access_log_due(*, now: dt.datetime, dry_run: bool) -> int:
    """Document accesses older than RETENTION_ACCESS_LOG_DAYS: counted, never deleted here —
    the log is append-only; the operator truncates it (docs/personal-data.md)."""
    cutoff = _cutoff(now, "RETENTION_ACCESS_LOG_DAYS")
    return 0 if cutoff is None else AttachmentAccess.objects.filter(accessed_at__lt=cutoff).count()


def _ended_plans(cutoff: dt.datetime) -> "models.QuerySet[DevelopmentPlan]":
    """Plans that ended without inclusion before `cutoff`: the decision's time for a plan
    not included, else the transition into the end state (the transition log), else the
    plan's last change."""
    ended = (
        StateLog.objects.filter(
            content_type=ContentType.objects.get_for_model(DevelopmentPlan),
            object_id=OuterRef("pk"),
            state__in=ENDED_WITHOUT_INCLUSION_STATES,
        )
        .order_by("-timestamp")
        .values("timestamp")[:1]
    )
    return (
        DevelopmentPlan.objects.filter(state__in=ENDED_WITHOUT_INCLUSION_STATES)
        .annotate(ended_at=Coalesce("decided_at", Subquery(ended), "updated_at"))
        .filter(ended_at__lt=cutoff)
    )


def plan_attachment_files_purge(*, now: dt.datetime, dry_run: bool) -> int:
    """The stored files of plans that ended without inclusion (not included, withdrawn,
    lapsed) RETENTION_ENDED_PLAN_ATTACHMENT_DAYS ago are removed; each attachment row stays
    with its name, kind, size and uploader, marked `purged_at`. The plan, its decision and
    the register are not touched."""
    cutoff = _cutoff(now, "RETENTION_ENDED_PLAN_ATTACHMENT_DAYS")
    if cutoff is None:
        return 0
    due = PlanAttachment.objects.filter(
        purged_at__isnull=True, plan__in=_ended_plans(cutoff).values("pk")
    ).order_by("pk")
    ids = list(due.values_list("pk", flat=True)[: _batch()])
    if dry_run:
        return len(ids)
    purged = 0
    for attachment_id in ids:
        with transaction.atomic():
            attachment = (
                PlanAttachment.objects.select_for_update()
                .filter(pk=attachment_id, purged_at__isnull=True)
                .first()
            )
            if attachment is None:
                continue
            name = attachment.file.name
            # The file first: should the row's update fail, the next run deletes nothing
            # more and marks it; a marked row never points to a file left behind.
            if name:
                attachment.file.storage.delete(name)
            PlanAttachment.objects.filter(pk=attachment_id).update(file="", purged_at=now)
            logger.info(
                "retention: removed the file of attachment %s of plan %s",
                attachment_id,
                attachment.plan_id,
            )
            purged += 1
    return purged


def accounts_anonymise(*, now: dt.datetime, dry_run: bool) -> int:
    """Accounts deactivated more than RETENTION_DEACTIVATED_ACCOUNT_DAYS ago are anonymised
    by the GDPR erasure (`personal_data_erase`): the legal record keeps their ids."""
    cutoff = _cutoff(now, "RETENTION_DEACTIVATED_ACCOUNT_DAYS")
    if cutoff is None:
        return 0
    due = (
        get_user_model()
        .objects.filter(is_active=False, deactivated_at__lt=cutoff)
        .exclude(username__startswith=ERASED_PREFIX)
        .order_by("pk")
    )
    users = list(due[: _batch()])
    if dry_run:
        return len(users)
    for user in users:
        deactivated_at = user.deactivated_at
        personal_data_erase(user=user)
        logger.info("retention: anonymised account %s (deactivated %s)", user.pk, deactivated_at)
    return len(users)


# name → purge, in the order they run: the ones by age before the account erasure, which
# deletes a person's inbox and login records whatever their age (so a dry run, which erases
# nothing, counts the same as a run).
CATEGORIES: dict[str, Callable[..., int]] = {
    "notifications": notifications_purge,
    "login_records": login_records_purge,
    "plan_attachment_files": plan_attachment_files_purge,
    "accounts": accounts_anonymise,
    "access_log_due": access_log_due,
}


@dataclass(frozen=True)
class PurgeReport:
    """How many records of each category a run removed or anonymised (a dry run: would);
    `access_log_due` is what the operator may truncate."""

    now: dt.datetime
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return sum(n for name, n in self.counts.items() if name != "access_log_due")

    def as_dict(self) -> dict[str, Any]:
        return {"as_of": self.now.isoformat(), "dry_run": self.dry_run, **self.counts}


def retention_purge(*, now: dt.datetime, dry_run: bool) -> PurgeReport:
    """Apply every retention period as of `now`; log the counts and record the run."""
    counts = {name: purge(now=now, dry_run=dry_run) for name, purge in CATEGORIES.items()}
    report = PurgeReport(now=now, dry_run=dry_run, counts=counts)
    RetentionRun.objects.create(as_of=now, dry_run=dry_run, counts=counts)
    logger.info(
        "retention purge%s as of %s: %s",
        " (dry run)" if dry_run else "",
        now.isoformat(),
        " ".join(f"{name}={count}" for name, count in counts.items()),
        extra={"retention": counts, "dry_run": dry_run},
    )
    return report
