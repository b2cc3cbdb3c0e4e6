"""Writes of calls that are not transitions: creating a call and changing its deadlines."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.rules import roles_of
from backend.calls.models import Call, NetworkPeriod
from backend.events.services import event_record
from backend.machines.call_lifecycle.states import CallState
from backend.machines.errors import TransitionConflict

CALL_FIELDS = (
    "name",
    "period",
    "opens_at",
    "closes_at",
    "opinion_deadline_date",
    "opinion_deadline_days",
    "council_deadline_date",
    "council_deadline_days",
    "decision_date_fixed",
    "decision_date_days",
    "completion_days",
    "opinion_routing",
    "decrease_needs_opinion",
    "council_for_commitments",
    "registration_cutoff",
    "service_types",
    "assessors_required",
    "score_spread_limit",
    "planning_scheme",
)
# The announcement's event (`call.announce`): subscribers hear of the new call.
ANNOUNCE = "announce"


def call_create(*, by: Any, **fields: Any) -> Call:
    """A regional officer announces a new (planned) call of their region; the announcement
    is recorded as the event `call.announce`, so the call's subscribers are told."""
    region_ids = roles_of(by).region_ids
    if not region_ids:
        raise PermissionDenied(_("Only the regional office announces calls."))
    _refuse_closing_in_the_past(fields.get("closes_at"))
    service_types = fields.pop("service_types", None)
    call = Call(region_id=min(region_ids), **fields)
    call.full_clean(exclude=["state"])
    with transaction.atomic():
        call.save()
        if service_types is not None:
            call.service_types.set(service_types)
        event_record(subject=call, transition=ANNOUNCE, source="", target=call.state, actor=by)
    return call


def call_edit_refusals(*, call: Call) -> list[str]:
    """Why the call's window and deadlines cannot be changed now ([] when they can)."""
    if call.state == CallState.PLANNED:
        return []
    return [_("The deadlines can be changed only before the call opens.")]


def call_update(*, call: Call, by: Any, **fields: Any) -> Call:
    """Change a call's window and deadlines; only before it opens, so nobody's rules change
    under their feet."""
    if not by.has_perm("calls.manage_call", call):
        raise PermissionDenied(_("Only the regional office manages calls."))
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        refusals = call_edit_refusals(call=call)
        if refusals:
            raise TransitionConflict(refusals)
        if fields.get("closes_at", call.closes_at) != call.closes_at:
            _refuse_closing_in_the_past(fields["closes_at"])
        service_types = fields.pop("service_types", None)
        for name, value in fields.items():
            setattr(call, name, value)
        call.full_clean(exclude=["state"])
        call.save()
        if service_types is not None:
            call.service_types.set(service_types)
    return call


def _refuse_closing_in_the_past(closes_at: Any) -> None:
    """A call announced or moved now cannot have its window over already."""
    if closes_at is not None and closes_at <= timezone.now():
        raise ValidationError({"closes_at": _("The call cannot close in the past.")})


PERIOD_FIELDS = ("start_year", "end_year", "resolution_number", "resolution_date")


def period_create(*, by: Any, **fields: Any) -> NetworkPeriod:
    """A regional officer adds a network period (e.g. 2021–2023) with the resolution that
    approved its network."""
    if not roles_of(by).region_ids:
        raise PermissionDenied(_("Only the regional office manages network periods."))
    period = NetworkPeriod(**fields)
    period.full_clean()
    period.save()
    return period
