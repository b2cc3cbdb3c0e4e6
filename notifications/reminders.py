"""Reminders before deadlines: which deadlines are due for a reminder today, as set-based
queries over indexed date columns, and the reminder notifications made from them.

With leads (5, 1) a deadline gets the 5-day reminder on the first sweep when 5 or fewer
working days are left, and the 1-day reminder when 1 or none is left; a sweep that missed
days sends only the most urgent one. The unique delivery record (recipient, subject, kind,
deadline, lead) makes each go out once; a moved deadline gets its own reminders, and the
reminders of the old one are no longer sent (`reminder_still_due`).
"""

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Exists, Min, OuterRef, Q
from django.db.models.functions import Coalesce, TruncDate

from backend.accounts.models import Role
from backend.calls.models import Call
from backend.core.deadlines import PRAGUE, add_working_days, local_date
from backend.machines.call_lifecycle.states import CallState
from backend.machines.opinion_review.states import WITH_MUNICIPALITY_STATES, OpinionState
from backend.machines.plan_review.states import CLOCK_RUNNING_STATES, PlanState
from backend.network.choices import RESERVATION_LEVELS
from backend.network.models import NetworkEntry
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.recipients import case_owners, members_by_organisation
from notifications.services import Notice, notices_create

CLOCK_RUNNING = CLOCK_RUNNING_STATES
OPINION_OPEN = WITH_MUNICIPALITY_STATES


def reminder_windows(today: dt.date, leads: tuple[int, ...]) -> list[tuple[int, dt.date, dt.date]]:
    """(lead, first deadline, first deadline after) per lead: a deadline in [first, after)
    has `lead` as the smallest lead not below its working days left."""
    windows, start = [], today
    for lead in sorted(set(leads)):
        after = add_working_days(today, lead + 1)
        windows.append((lead, start, after))
        start = after
    return windows


def _due_drafts(start: dt.date, after: dt.date) -> models.QuerySet[Any]:
    calls = [
        call.pk
        for call in Call.objects.filter(state__in=[CallState.PLANNED, CallState.OPEN])
        if start <= local_date(call.closes_at) < after
    ]
    return DevelopmentPlan.objects.filter(state=PlanState.DRAFT, call_id__in=calls).annotate(
        due=TruncDate("call__closes_at", tzinfo=PRAGUE), organisation=models.F("provider_id")
    )


def _due_completions(start: dt.date, after: dt.date) -> models.QuerySet[Any]:
    return DevelopmentPlan.objects.filter(
        state=PlanState.RETURNED, completion_due__gte=start, completion_due__lt=after
    ).annotate(due=models.F("completion_due"), organisation=models.F("provider_id"))


def _due_opinions(start: dt.date, after: dt.date) -> models.QuerySet[Any]:
    return MunicipalOpinion.objects.filter(
        state__in=OPINION_OPEN,
        due_date__gte=start,
        due_date__lt=after,
        plan__state__in=CLOCK_RUNNING,
    ).annotate(due=models.F("due_date"), organisation=models.F("municipality_id"))


def _due_council(start: dt.date, after: dt.date) -> models.QuerySet[Any]:
    in_window = Q(council_due__gte=start, council_due__lt=after) | Q(
        council_due__isnull=True, due_date__gte=start, due_date__lt=after
    )
    return (
        MunicipalOpinion.objects.filter(in_window)
        .filter(state=OpinionState.AWAITING_COUNCIL, plan__state__in=CLOCK_RUNNING)
        .annotate(due=Coalesce("council_due", "due_date"), organisation=models.F("municipality_id"))
    )


def _due_remedies(start: dt.date, after: dt.date) -> models.QuerySet[Any]:
    return NetworkEntry.objects.filter(
        level__in=RESERVATION_LEVELS, remedy_due__gte=start, remedy_due__lt=after
    ).annotate(due=models.F("remedy_due"), organisation=models.F("service__provider_id"))


@dataclass(frozen=True)
class ReminderRule:
    kind: str
    role: str
    model: type[models.Model]
    due: Callable[[dt.date, dt.date], models.QuerySet[Any]]
    # The case's owner (`assignee`): reminded instead of the whole office when assigned.
    owned: bool = False


RULES = [
    ReminderRule(Kind.DRAFT_REMINDER, Role.PROVIDER_USER, DevelopmentPlan, _due_drafts),
    ReminderRule(Kind.COMPLETION_REMINDER, Role.PROVIDER_USER, DevelopmentPlan, _due_completions),
    ReminderRule(
        Kind.OPINION_REMINDER, Role.MUNICIPAL_OFFICER, MunicipalOpinion, _due_opinions, owned=True
    ),
    ReminderRule(Kind.COUNCIL_REMINDER, Role.COUNCIL_SECRETARY, MunicipalOpinion, _due_council),
    ReminderRule(Kind.REMEDY_REMINDER, Role.PROVIDER_USER, NetworkEntry, _due_remedies),
]


def _batches(query: models.QuerySet[Any], size: int, limit: int) -> Iterator[list[Any]]:
    """Keyset pages of (pk, organisation, due) rows; at most `limit` pages per run."""
    last = 0
    for _ in range(limit):
        rows = list(
            query.filter(pk__gt=last).order_by("pk").values_list("pk", "organisation", "due")[:size]
        )
        if rows:
            yield rows
        if len(rows) < size:
            return
        last = rows[-1][0]


def reminders_create(*, today: dt.date) -> dict[str, int]:
    """Make today's reminders (each at most once); returns how many per kind."""
    leads = tuple(settings.NOTIFICATIONS_REMINDER_LEADS)
    size, limit = settings.NOTIFICATIONS_BATCH_SIZE, settings.NOTIFICATIONS_MAX_BATCHES
    made: dict[str, int] = {}
    for rule in RULES:
        content_type = ContentType.objects.get_for_model(rule.model)
        for lead, start, after in reminder_windows(today, leads):
            occasion = f"{lead}wd"
            sent = Notification.objects.filter(
                content_type=content_type,
                object_id=OuterRef("pk"),
                kind=rule.kind,
                deadline=OuterRef("due"),
                occasion=occasion,
            )
            due = rule.due(start, after).filter(~Exists(sent))
            for rows in _batches(due, size, limit):
                people = members_by_organisation(
                    role=rule.role, organisation_ids={r[1] for r in rows}
                )
                owners = case_owners(rule.model, [r[0] for r in rows]) if rule.owned else {}
                with transaction.atomic():
                    made[rule.kind] = made.get(rule.kind, 0) + notices_create(
                        notices=[
                            Notice(
                                recipient_id=user_id,
                                kind=rule.kind,
                                content_type_id=content_type.pk,
                                object_id=pk,
                                deadline=deadline,
                                occasion=occasion,
                                context={"lead": lead},
                            )
                            for pk, organisation, deadline in rows
                            for user_id in owners.get(pk) or people.get(organisation, [])
                        ]
                    )
    return made


def reminder_still_due(notification: Notification) -> bool:
    """Whether a reminder still concerns the running deadline (an extended deadline, a
    plan that moved on or a withdrawn draft make the reminder obsolete)."""
    # The notification's generic subject: a plan (draft and completion reminders) or an
    # opinion; django-fsm's state fields read as Any, hence the bool()s.
    subject: Any = notification.subject
    if subject is None:
        return False
    kind, deadline = notification.kind, notification.deadline
    if kind == Kind.DRAFT_REMINDER:
        return (
            subject.state == PlanState.DRAFT
            and subject.call.state in (CallState.PLANNED, CallState.OPEN)
            and local_date(subject.call.closes_at) == deadline
        )
    if kind == Kind.COMPLETION_REMINDER:
        return bool(subject.state == PlanState.RETURNED and subject.completion_due == deadline)
    if kind == Kind.REMEDY_REMINDER:
        return _remedy_open(subject, deadline)
    if subject.plan.state not in CLOCK_RUNNING:
        return False
    if kind == Kind.OPINION_REMINDER:
        return subject.state in OPINION_OPEN and subject.due_date == deadline
    return bool(
        subject.state == OpinionState.AWAITING_COUNCIL and subject.current_deadline == deadline
    )


def _remedy_open(entry: NetworkEntry, deadline: dt.date | None) -> bool:
    """The entry still sits at a reservation level with this remedy date (a remedied entry
    moves to included, a moved date gets its own reminders)."""
    return entry.level in RESERVATION_LEVELS and entry.remedy_due == deadline


def remedies_overdue_create(*, today: dt.date) -> int:
    """Tell the regional officers of each reservation whose remedy date has passed — once
    per entry and date (the unique delivery record), whenever the sweep first sees it."""
    content_type = ContentType.objects.get_for_model(NetworkEntry)
    told = Notification.objects.filter(
        content_type=content_type,
        object_id=OuterRef("pk"),
        kind=Kind.REMEDY_OVERDUE,
        deadline=OuterRef("remedy_due"),
    )
    overdue = (
        NetworkEntry.objects.filter(level__in=RESERVATION_LEVELS, remedy_due__lt=today)
        .filter(~Exists(told))
        .annotate(region=Min("orps__region_id"))
        .filter(region__isnull=False)
    )
    size, limit = settings.NOTIFICATIONS_BATCH_SIZE, settings.NOTIFICATIONS_MAX_BATCHES
    made = 0
    for rows in _batches(
        overdue.annotate(organisation=models.F("region"), due=models.F("remedy_due")), size, limit
    ):
        officers = members_by_organisation(
            role=Role.REGIONAL_OFFICER, organisation_ids={row[1] for row in rows}
        )
        with transaction.atomic():
            made += notices_create(
                notices=[
                    Notice(
                        recipient_id=user_id,
                        kind=Kind.REMEDY_OVERDUE,
                        content_type_id=content_type.pk,
                        object_id=pk,
                        deadline=due,
                        occasion="overdue",
                    )
                    for pk, region, due in rows
                    for user_id in officers.get(region, [])
                ]
            )
    return made
