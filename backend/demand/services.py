"""Writes of demand: a table of capacity needs and its entries, recorded by a municipal
officer for its own ORP's territory or by the regional office on behalf of any territory of
its region. Each save is one transaction; the field history (`backend.audit.history`) keeps
every version of the table and its entries with the author."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from backend.accounts.rules import roles_of
from backend.audit.history import author_set
from backend.demand.models import DemandEntry, DemandTable
from backend.demand.rules import may_edit_table, may_record_demand, territory_refusals
from backend.plans.uploads import display_name
from backend.plans.validators import validate_attachment
from backend.registry.choices import CapacityUnit
from backend.registry.models import Municipality, Orp, PlanningArea, Region, ServiceType


@dataclass(frozen=True)
class EntryInput:
    """One line of a demand table as typed: exactly one of `orp` and `area`."""

    service_type: ServiceType
    unit: str
    quantity: Decimal
    orp: Orp | None = None
    area: PlanningArea | None = None
    note: str = ""


@dataclass(frozen=True)
class TableInput:
    title: str
    valid_from: int
    valid_to: int | None = None
    adopted_on: dt.date | None = None
    stated_by: str = ""
    source_reference: str = ""
    municipality: Municipality | None = None


def _region_for(by: Any, municipality: Municipality | None, region: Region | None) -> Region:
    """The region a new table is of: the one given, the regional officer's, else the region
    of the municipal officer's municipality."""
    roles = roles_of(by)
    if region is not None:
        return region
    if roles.region_ids:
        return Region.objects.get(pk=min(roles.region_ids))
    if municipality is None:
        municipality = Municipality.objects.filter(pk__in=roles.officer_municipality_ids).first()
    if municipality is None:
        raise PermissionDenied(_("Only municipal officers and the regional office record demand."))
    return municipality.orp.region


def _stating_municipality(by: Any, region: Region, given: Municipality | None) -> tuple[Any, bool]:
    """Who states the table and whether the office records it on their behalf: a municipal
    officer states it for its municipality; the regional office on behalf of the municipality
    it names (or of the territory)."""
    roles = roles_of(by)
    if region.pk in roles.region_ids:
        if given is not None and given.orp.region_id != region.pk:
            raise ValidationError({"municipality": _("The municipality is not in the region.")})
        return given, True
    own = roles.officer_municipality_ids
    if given is not None and given.pk not in own:
        raise PermissionDenied(_("You record demand only for your own municipality."))
    if given is None:
        given = Municipality.objects.filter(pk__in=own, orp__region=region).first()
    if given is None:
        raise PermissionDenied(_("You record demand only for your own municipality."))
    return given, False


def _check_entries(by: Any, region: Region, entries: Sequence[EntryInput]) -> None:
    errors = []
    for number, entry in enumerate(entries, start=1):
        if (entry.orp is None) == (entry.area is None):
            errors.append(_("Line %(n)d: give either an ORP or a planning area.") % {"n": number})
        elif entry.orp is not None and entry.orp.region_id != region.pk:
            errors.append(_("Line %(n)d: the ORP is not in the region.") % {"n": number})
        elif entry.area is not None and entry.area.scheme.region_id != region.pk:
            errors.append(_("Line %(n)d: the area is not in the region.") % {"n": number})
        if entry.unit not in CapacityUnit.values:
            errors.append(_("Line %(n)d: choose a capacity unit.") % {"n": number})
        if entry.quantity is None or entry.quantity <= 0:
            errors.append(_("Line %(n)d: the capacity needed must be more than 0.") % {"n": number})
    if errors:
        raise ValidationError({"entries": errors})
    refused = territory_refusals(
        by,
        region_id=region.pk,
        orps=[e.orp for e in entries if e.orp is not None],
        areas=[e.area for e in entries if e.area is not None],
    )
    if refused:
        raise PermissionDenied(
            _("You record demand only for your own ORP's territory, not for %(names)s.")
            % {"names": ", ".join(refused)}
        )


def _check_file(source_file: UploadedFile | None) -> None:
    if source_file is None:
        return
    try:
        validate_attachment(source_file)
    except ValidationError as error:
        raise ValidationError({"source_file": error.messages}) from error


def _save(
    *,
    table: DemandTable,
    by: Any,
    data: TableInput,
    entries: Sequence[EntryInput] | None,
    source_file: UploadedFile | None,
) -> DemandTable:
    table.title = data.title.strip()
    table.valid_from, table.valid_to = data.valid_from, data.valid_to
    table.adopted_on = data.adopted_on
    table.stated_by, table.source_reference = data.stated_by.strip(), data.source_reference.strip()
    if source_file is not None:
        table.source_file = source_file
        table.source_name = display_name(source_file.name or "")
    table.full_clean(exclude=["recorded_by", "source_file"])
    with transaction.atomic():
        author_set(table, by=by)
        table.save()
        if entries is not None:
            for old in table.entries.all():
                author_set(old, by=by)
                old.delete()
            for entry in entries:
                row = DemandEntry(
                    table=table,
                    orp=entry.orp,
                    area=entry.area,
                    service_type=entry.service_type,
                    unit=entry.unit,
                    quantity=entry.quantity,
                    note=entry.note.strip(),
                )
                row.full_clean(exclude=["table"])
                author_set(row, by=by)
                row.save()
    return table


def demand_table_create(
    *,
    by: Any,
    data: TableInput,
    entries: Sequence[EntryInput] = (),
    source_file: UploadedFile | None = None,
    region: Region | None = None,
) -> DemandTable:
    """Record a table of capacity needs with its entries. A municipal officer states it for
    its municipality and may name only its own ORP's territory; a regional officer records
    it on behalf of any territory of its region (`on_behalf` is set). `region`: the
    region when the user is an officer of several (default: theirs)."""
    if not may_record_demand(by):
        raise PermissionDenied(_("Only municipal officers and the regional office record demand."))
    region = _region_for(by, data.municipality, region)
    municipality, on_behalf = _stating_municipality(by, region, data.municipality)
    _check_entries(by, region, entries)
    _check_file(source_file)
    table = DemandTable(
        region=region, municipality=municipality, on_behalf=on_behalf, recorded_by=by
    )
    return _save(table=table, by=by, data=data, entries=entries, source_file=source_file)


def demand_table_update(
    *,
    table: DemandTable,
    by: Any,
    data: TableInput,
    entries: Sequence[EntryInput] | None = None,
    source_file: UploadedFile | None = None,
) -> DemandTable:
    """Change a table and (unless `entries` is None) replace its entries. The region's
    officers edit any table of it, a municipal officer its municipality's."""
    if not may_edit_table(by, table):
        raise PermissionDenied(_("You may not change this demand table."))
    region = table.region
    if data.municipality is not None and data.municipality.pk != table.municipality_id:
        table.municipality, _behalf = _stating_municipality(by, region, data.municipality)
    if entries is not None:
        _check_entries(by, region, entries)
    _check_file(source_file)
    return _save(table=table, by=by, data=data, entries=entries, source_file=source_file)
