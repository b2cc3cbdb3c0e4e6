"""Reads of the follow-up of reservations, with the visibility rules of `rules.py`."""

import datetime as dt
from enum import StrEnum
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from backend.accounts.rules import roles_of
from backend.network.choices import RESERVATION_LEVELS
from backend.network.models import NetworkEntry
from backend.remedies.models import RemedyStatement
from backend.remedies.rules import may_follow_up

# "Due soon": the remedy date is within this many calendar days from today.
DUE_SOON_DAYS = 14


class FollowUpFilter(StrEnum):
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    STATEMENT = "statement"


FILTER_LABELS = {
    FollowUpFilter.DUE_SOON: _("due within two weeks"),
    FollowUpFilter.OVERDUE: _("overdue"),
    FollowUpFilter.STATEMENT: _("statement received"),
}


def remedy_entry_get_for_user(*, user: Any, entry_id: int) -> NetworkEntry:
    """The entry whose follow-up the user may see (the provider's own service, or an entry
    of the officer's region); `NetworkEntry.DoesNotExist` for any other."""
    entry = NetworkEntry.objects.select_related(
        "service__provider", "service__service_type", "period"
    ).get(pk=entry_id)
    if not may_follow_up(user, entry):
        raise NetworkEntry.DoesNotExist
    return entry


def remedy_statement_list(*, entry: NetworkEntry) -> QuerySet[RemedyStatement]:
    """The entry's statements, oldest first, with their documents and senders."""
    return (
        RemedyStatement.objects.filter(entry=entry)
        .select_related("sent_by")
        .prefetch_related("attachments")
    )


def remedy_list_for_office(*, user: Any, today: dt.date, which: str = "") -> QuerySet[NetworkEntry]:
    """Entries of the officer's regions with a reservation under follow-up, the earliest
    remedy date first, annotated with `statement_count` and `last_statement_at`; `which`
    narrows them (`FollowUpFilter`). Empty for anyone who is no regional officer."""
    region_ids = roles_of(user).region_ids
    entries = (
        NetworkEntry.objects.filter(
            level__in=RESERVATION_LEVELS,
            pk__in=NetworkEntry.objects.filter(orps__region_id__in=region_ids).values("pk"),
        )
        .select_related("service__provider", "service__service_type", "period")
        .annotate(
            statement_count=Count("remedy_statements"),
            last_statement_at=Max("remedy_statements__sent_at"),
        )
        .order_by("remedy_due", "sort_key", "pk")
    )
    if which == FollowUpFilter.DUE_SOON:
        entries = entries.filter(
            remedy_due__gte=today, remedy_due__lte=today + dt.timedelta(days=DUE_SOON_DAYS)
        )
    elif which == FollowUpFilter.OVERDUE:
        entries = entries.filter(remedy_due__lt=today)
    elif which == FollowUpFilter.STATEMENT:
        entries = entries.filter(Q(statement_count__gt=0))
    return entries


def remedy_list_for_provider(*, user: Any) -> QuerySet[NetworkEntry]:
    """The user's providers' entries with a reservation to remedy, the earliest date first,
    annotated with `statement_count` (for the provider's services page)."""
    return (
        NetworkEntry.objects.filter(
            level__in=RESERVATION_LEVELS,
            service__provider_id__in=roles_of(user).provider_ids,
        )
        .select_related("service", "period")
        .annotate(statement_count=Count("remedy_statements"))
        .order_by("remedy_due", "sort_key", "pk")
    )
