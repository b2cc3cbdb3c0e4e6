"""Records of each retention category, just past and just within their periods, as of NOW."""

import datetime as dt
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.machines.plan_review.states import PlanState
from backend.plans.choices import AttachmentKind
from backend.plans.models import DevelopmentPlan, PlanAttachment, RegionalDecision
from notifications.kinds import Kind
from notifications.models import Notification
from tests import factories
from tests.helpers import prague

# A night in March 2027: two years back (2025-03-15) are 730 days, no 29 February between.
NOW = prague(2027, 3, 15, 2, 30)
DAY = dt.timedelta(days=1)
TWO_YEARS = dt.timedelta(days=730)
FIVE_YEARS = dt.timedelta(days=1825)


def deactivated_user(username: str, *, deactivated_at: dt.datetime) -> Any:
    user = factories.UserFactory(username=username, is_active=False)
    user.deactivated_at = deactivated_at
    user.save(update_fields=["deactivated_at"])
    return user


def notification(recipient: Any, *, created_at: dt.datetime, occasion: str) -> Notification:
    return Notification.objects.create(
        recipient=recipient,
        kind=Kind.PLAN_LAPSED,
        content_type=ContentType.objects.get_for_model(DevelopmentPlan),
        object_id=1,
        deadline=created_at.date(),
        occasion=occasion,
        created_at=created_at,
    )


def login_records(username: str, *, at: dt.datetime) -> None:
    """One record of each django-axes table (their times are `auto_now_add`)."""
    fields = {"username": username, "ip_address": "192.0.2.7", "user_agent": "test"}
    rows = [
        AccessAttempt.objects.create(**fields, failures_since_start=1),
        AccessFailureLog.objects.create(**fields),
        AccessLog.objects.create(**fields),
    ]
    for row in rows:
        type(row).objects.filter(pk=row.pk).update(attempt_time=at)


def attachment(plan: DevelopmentPlan, name: str) -> PlanAttachment:
    upload = SimpleUploadedFile(name, b"%PDF-1.7 " + name.encode(), "application/pdf")
    return PlanAttachment.objects.create(
        plan=plan, kind=AttachmentKind.BUDGET, file=upload, original_name=name, size=upload.size
    )


def ended_plan(state: str, *, ended_at: dt.datetime, decided_by: Any = None) -> DevelopmentPlan:
    """A plan in `state` that ended at `ended_at`: its decision then (decided states), else
    its last change then (no transition log: the factory creates it in the state)."""
    plan = factories.plan_in_state(state)
    if decided_by is not None:
        RegionalDecision.objects.create(
            plan=plan, outcome=state, decided_by=decided_by, **factories.DECISION_DEFAULTS
        )
        RegionalDecision.objects.filter(plan=plan).update(decided_at=ended_at)
    DevelopmentPlan.objects.filter(pk=plan.pk).update(
        updated_at=ended_at, decided_at=ended_at if decided_by is not None else None
    )
    return plan


@pytest.fixture
def past_and_within(db: None, regional_officer: Any) -> dict[str, Any]:
    """Of each category one record just past its period and one just within it."""
    reader = factories.UserFactory(username="reader")
    old_user = deactivated_user("gone", deactivated_at=NOW - TWO_YEARS - DAY)
    notification(old_user, created_at=NOW - TWO_YEARS + DAY, occasion="own")
    login_records("gone", at=NOW - dt.timedelta(days=10))
    notification(reader, created_at=NOW - TWO_YEARS - DAY, occasion="old")
    notification(reader, created_at=NOW - TWO_YEARS + DAY, occasion="recent")
    login_records("someone", at=NOW - dt.timedelta(days=91))
    login_records("reader", at=NOW - dt.timedelta(days=89))
    not_included = ended_plan(
        PlanState.NOT_INCLUDED, ended_at=NOW - FIVE_YEARS - DAY, decided_by=regional_officer
    )
    withdrawn = ended_plan(PlanState.WITHDRAWN, ended_at=NOW - FIVE_YEARS - DAY)
    recent = ended_plan(
        PlanState.NOT_INCLUDED, ended_at=NOW - FIVE_YEARS + DAY, decided_by=regional_officer
    )
    included = ended_plan(
        PlanState.INCLUDED, ended_at=NOW - FIVE_YEARS - DAY, decided_by=regional_officer
    )
    return {
        "old_user": old_user,
        "recent_user": deactivated_user("left", deactivated_at=NOW - TWO_YEARS + DAY),
        "active_user": factories.UserFactory(username="still-here"),
        "reader": reader,
        "purged": [attachment(not_included, "rozpocet.pdf"), attachment(withdrawn, "cv.pdf")],
        "kept": [attachment(recent, "novy.pdf"), attachment(included, "zarazeny.pdf")],
        "not_included": not_included,
        "entry": factories.NetworkEntryFactory(),
    }
