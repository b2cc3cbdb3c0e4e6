"""Who is told of a reservation's follow-up (the events of `backend.remedies.services`):
the regional officers of the entry's region of a provider's statement, the provider's users
of the office's finding (remedied or not)."""

from collections.abc import Callable
from typing import Any

from backend.accounts.models import Role
from backend.events.models import Event
from backend.events.services import event_kind
from backend.network.models import NetworkEntry
from backend.remedies.models import RemedyOutcome
from backend.remedies.rules import entry_region_ids
from backend.remedies.steps import RemedyStep
from notifications.kinds import Kind
from notifications.recipients import members, members_by_organisation
from notifications.services import Notice

# `notifications.routing._notices`: (event, subject, kind, user ids, **context) → notices.
MakeNotices = Callable[..., list[Notice]]


def _statement(event: Event, entry: NetworkEntry, notices: MakeNotices) -> list[Notice]:
    by_region = members_by_organisation(
        role=Role.REGIONAL_OFFICER, organisation_ids=entry_region_ids(entry)
    )
    officers = [user for users in by_region.values() for user in users]
    return notices(event, entry, Kind.REMEDY_STATEMENT, officers)


def _finding(event: Event, entry: NetworkEntry, notices: MakeNotices) -> list[Notice]:
    finding = RemedyOutcome.objects.filter(entry=entry).order_by("-recorded_at", "-pk").first()
    extra: dict[str, Any] = {}
    if finding is not None:
        extra = {
            "outcome": finding.outcome,
            "resolution_number": finding.resolution_number,
            "resolution_date": finding.resolution_date.isoformat(),
            "reason": finding.reason,
            "remedy_due": finding.remedy_due.isoformat() if finding.remedy_due else None,
        }
    providers = members(role=Role.PROVIDER_USER, organisation_id=entry.service.provider_id)
    return notices(event, entry, Kind.REMEDY_DECIDED, providers, **extra)


# By the event's kind, as `notifications.routing.HANDLERS`; each takes the routing's
# `_notices` so the notices are made the one way.
REMEDY_HANDLERS = {
    event_kind(NetworkEntry, RemedyStep.SEND_STATEMENT): _statement,
    event_kind(NetworkEntry, RemedyStep.CONFIRM): _finding,
    event_kind(NetworkEntry, RemedyStep.NOT_REMEDIED): _finding,
}
