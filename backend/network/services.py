"""Writes to the network register."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from backend.accounts.rules import roles_of
from backend.audit.history import author_set
from backend.calls.models import NetworkPeriod
from backend.core.deadlines import short_date
from backend.network.choices import RESERVATION_LEVELS, NetworkLevel
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


def network_roll_over(*, source: NetworkPeriod, target: NetworkPeriod, by: Any) -> int:
    """Carry the network of `source` into the later period `target`: each entry (but the
    services published as not included) gets an entry in `target` at the same capacity,
    level, territory and conditions, linked to it as its predecessor, citing `target`'s
    resolution when it has one, with a capacity-history row saying it was carried over.
    Entries `target` already has are left as they are, so rolling over twice adds only what
    is new. Returns how many entries were carried."""
    if not roles_of(by).region_ids:
        raise PermissionDenied(_("Only the regional office rolls the network over."))
    if target.start_year <= source.end_year:
        raise ValidationError(
            {
                "target": _("The network rolls over into a later period than %(source)s.")
                % {"source": source}
            }
        )
    carried = 0
    with transaction.atomic():
        # The target's rows locked first: a decision writing into the target waits, and a
        # second roll-over started at the same time sees these entries when it gets the lock.
        list(NetworkPeriod.objects.select_for_update().filter(pk=target.pk))
        present = set(
            NetworkEntry.objects.filter(period=target).values_list("service_id", flat=True)
        )
        earlier = (
            NetworkEntry.objects.filter(period=source)
            .exclude(level=NetworkLevel.NOT_INCLUDED)
            .exclude(service_id__in=present)
            .select_related("service__service_type", "period")
            .prefetch_related("orps")
            .order_by("sort_key", "pk")
        )
        for entry in earlier:
            _carry(entry, target=target, by=by)
            carried += 1
    return carried


def _carry(entry: NetworkEntry, *, target: NetworkPeriod, by: Any) -> NetworkEntry:
    carried = NetworkEntry(
        service=entry.service,
        period=target,
        form=entry.form,
        capacity=entry.capacity,
        unit=entry.unit,
        status=entry.status,
        level=entry.level,
        remedy_due=entry.remedy_due,
        conditions=entry.conditions,
        resolution_number=target.resolution_number or entry.resolution_number,
        resolution_date=target.resolution_date
        if target.resolution_number
        else entry.resolution_date,
        predecessor=entry,
    )
    author_set(carried, by=by)
    carried.save()
    carried.orps.set(entry.orps.all())
    CapacityChange.objects.create(
        entry=carried,
        capacity_before=entry.capacity,
        capacity_after=entry.capacity,
        unit=entry.unit,
        reason=_("Carried over from the period %(period)s") % {"period": entry.period},
        recorded_by=by,
    )
    return carried
