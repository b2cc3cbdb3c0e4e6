"""The regional officers' daily digest: what arrived since the last one, what is overdue,
which decisions are due this week. Sent on working days; one per region and day."""

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from backend.accounts.models import Role
from backend.calls.models import Call
from backend.core.deadlines import is_working_day, local_date
from backend.events.models import Event
from backend.events.services import event_kind
from backend.machines.call_lifecycle.states import CallState
from backend.machines.opinion_review.transitions import OpinionTransition
from backend.machines.plan_review.states import PlanState
from backend.machines.plan_review.transitions import PlanTransition
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from backend.registry.models import Region
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.recipients import members
from notifications.services import Notice, notices_create

LISTED = 50


def _ids(plans: Any) -> tuple[list[int], int]:
    ids = list(plans.order_by("pk").values_list("pk", flat=True).distinct()[: LISTED + 1])
    return ids[:LISTED], plans.values("pk").distinct().count() if len(ids) > LISTED else len(ids)


def digest_content(*, region: Region, since: dt.datetime, now: dt.datetime) -> dict[str, Any]:
    """What the region's digest lists (plan ids, capped, with the full counts)."""
    today = local_date(now)
    week_end = today + dt.timedelta(days=6 - today.weekday())
    plans = DevelopmentPlan.objects.filter(call__region=region)
    arrived_ids = Event.objects.filter(
        kind__in=[
            event_kind(DevelopmentPlan, PlanTransition.SUBMIT),
            event_kind(DevelopmentPlan, PlanTransition.RESUBMIT),
        ],
        occurred_at__gte=since,
        occurred_at__lt=now,
    ).values("object_id")
    calls = Call.objects.filter(region=region).exclude(state=CallState.FINISHED)
    late, this_week = [], []
    for call in calls:
        decision = call.decision_date
        if decision is not None and decision < today:
            late.append(call.pk)
        elif decision is not None and decision <= week_end:
            this_week.append(call.pk)
    waiting = plans.filter(state=PlanState.AWAITING_DECISION)
    content: dict[str, Any] = {"since": since.isoformat()}
    for key, query in (
        ("arrived", plans.filter(pk__in=arrived_ids)),
        ("overdue", waiting.filter(call_id__in=late)),
        ("due_this_week", waiting.filter(call_id__in=this_week)),
    ):
        content[key], content[f"{key}_count"] = _ids(query)
    content["not_given_count"] = (
        Event.objects.filter(
            kind=event_kind(MunicipalOpinion, OpinionTransition.EXPIRE),
            occurred_at__gte=since,
            occurred_at__lt=now,
        )
        .filter(object_id__in=MunicipalOpinion.objects.filter(plan__in=plans).values("pk"))
        .count()
    )
    return content


def daily_digest_create(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Make today's digest for each region's officers (none on weekends and holidays, none
    when there is nothing to report, at most one per region and day)."""
    now = now or timezone.now()
    today = local_date(now)
    if not is_working_day(today):
        return {"regions": 0}
    region_type = ContentType.objects.get_for_model(Region)
    made = 0
    for region in Region.objects.all():
        officers = members(role=Role.REGIONAL_OFFICER, organisation_id=region.pk)
        previous = Notification.objects.filter(
            kind=Kind.DAILY_DIGEST, content_type=region_type, object_id=region.pk
        )
        if not officers or previous.filter(deadline=today).exists():
            continue
        since = previous.aggregate(last=Max("created_at"))["last"] or now - dt.timedelta(days=1)
        content = digest_content(region=region, since=since, now=now)
        counts = ("arrived_count", "overdue_count", "due_this_week_count", "not_given_count")
        if not any(content[key] for key in counts):
            continue
        with transaction.atomic():
            notices_create(
                notices=[
                    Notice(
                        recipient_id=user_id,
                        kind=Kind.DAILY_DIGEST,
                        content_type_id=region_type.pk,
                        object_id=region.pk,
                        deadline=today,
                        context=content,
                    )
                    for user_id in officers
                ]
            )
        made += 1
    return {"regions": made}
