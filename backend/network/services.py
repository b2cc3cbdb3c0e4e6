"""Writes to the network register."""

from typing import Any

from django.utils.translation import gettext as _

from backend.core.deadlines import short_date
from backend.network.choices import RESERVATION_LEVELS
from backend.network.models import CapacityChange, NetworkEntry


def network_apply_decision(*, plan: Any, decision: Any, by: Any) -> NetworkEntry:
    """Write an inclusion decision into the register for the call's period, at the
    decision's level (a planned entry a form-B request updates moves to it).

    Creates the entry (capacity 0 → approved) or changes its capacity, and appends a
    capacity-change row when the capacity changed, so the register keeps the history of
    every change and no "15 → 15" row that changes nothing.
    """
    capacity = decision.approved_capacity
    if capacity is None:
        capacity = plan.capacity_requested
    entry = (
        NetworkEntry.objects.select_for_update()
        .filter(service=plan.service, period=plan.call.period)
        .first()
    )
    entry_existed = entry is not None
    before = entry.capacity if entry else 0
    if entry is None:
        entry = NetworkEntry(service=plan.service, period=plan.call.period)
    entry.form = plan.service.form
    entry.capacity = capacity
    entry.unit = plan.capacity_unit
    entry.status = decision.outcome
    entry.level = decision.level
    entry.remedy_due = decision.remedy_due if decision.level in RESERVATION_LEVELS else None
    entry.resolution_number = decision.resolution_number
    entry.resolution_date = decision.resolution_date
    entry.conditions = decision.conditions
    entry.save()
    entry.orps.add(*plan.orps.all())
    if before == capacity and entry_existed:
        return entry
    CapacityChange.objects.create(
        entry=entry,
        plan=plan,
        capacity_before=before,
        capacity_after=capacity,
        unit=plan.capacity_unit,
        reason=_("Decision %(body)s no. %(number)s of %(date)s")
        % {
            "body": decision.get_body_display(),
            "number": decision.resolution_number,
            "date": short_date(decision.resolution_date),
        },
        recorded_by=by,
    )
    return entry
