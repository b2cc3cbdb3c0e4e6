"""The django-import-export resources of the network import: providers (by IČ), services
(by registration number) and register entries (by service and period), run one after the
other over each chunk of the same flat rows.

Each resource records on the run's `ImportContext` what a row changes (the column, the old
and the new value) and why it is refused (the column and a sentence), so the preview lists
every row as new, changed, unchanged or refused. Instances are loaded per chunk in one query
(`ChunkLoader`); nothing is compared by name.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _
from import_export.fields import Field
from import_export.instance_loaders import BaseInstanceLoader
from import_export.resources import ModelResource
from import_export.results import RowResult
from import_export.widgets import Widget

from backend.calls.models import NetworkPeriod
from backend.core.deadlines import short_date
from backend.imports import widgets as w
from backend.imports.columns import ROW
from backend.machines.plan_review.states import SETTLED_STATES, PlanState
from backend.network.choices import RESERVATION_LEVELS, NetworkLevel
from backend.network.models import CapacityChange, NetworkEntry
from backend.plans.models import DevelopmentPlan
from backend.registry.choices import CapacityUnit, LegalForm, ServiceForm
from backend.registry.models import (
    Municipality,
    Orp,
    Provider,
    Region,
    ServiceType,
    SocialService,
    TargetGroup,
)


@dataclass
class RowState:
    """What one row of the file does (filled by the three resources in turn)."""

    number: int
    new: bool = False
    registration_number: str = ""
    service_name: str = ""
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        if self.errors:
            return "refused"
        if self.new:
            return "new"
        return "changed" if self.changes else "unchanged"


@dataclass
class ImportContext:
    """The state of one run shared by the resources: the reference data of the region, what
    the file said so far (registration numbers, provider names, periods) and the rows of the
    current chunk."""

    region: Region
    by: Any
    history_reason: str
    capacity_reason: str
    headers: dict[str, str]  # column key → the file's header
    rows: dict[int, RowState] = field(default_factory=dict)
    registration_rows: dict[str, int] = field(default_factory=dict)
    provider_names: dict[str, tuple[str, int]] = field(default_factory=dict)
    periods: dict[tuple[int, int], NetworkPeriod] = field(default_factory=dict)
    refused_periods: dict[tuple[int, int], str] = field(default_factory=dict)
    providers: dict[str, Provider] = field(default_factory=dict)  # of the chunk
    # The preview saves nothing: the providers it would create, for the later chunks.
    pending_providers: dict[str, Provider] = field(default_factory=dict)
    services: dict[str, SocialService] = field(default_factory=dict)  # of the chunk
    row_orps: dict[int, list[Orp]] = field(default_factory=dict)  # of the chunk

    def __post_init__(self) -> None:
        self.types = {t.paragraph.casefold(): t for t in ServiceType.objects.all()}
        self.groups: dict[str, TargetGroup] = {}
        for group in TargetGroup.objects.all():
            self.groups[w._plain(group.code)] = group
            self.groups[w._plain(group.name)] = group
        self.orps: dict[str, Orp] = {}
        for orp in Orp.objects.filter(region=self.region):
            self.orps[w._plain(orp.code)] = orp
            self.orps[w._plain(orp.name)] = orp
        self.municipalities: dict[str, list[Municipality]] = defaultdict(list)
        for municipality in Municipality.objects.filter(orp__region=self.region):
            self.municipalities[w._plain(municipality.name)].append(municipality)
        self.periods = {(p.start_year, p.end_year): p for p in NetworkPeriod.objects.all()}

    def state(self, row: Any) -> RowState:
        number = int(row[ROW])
        if number not in self.rows:
            self.rows[number] = RowState(number)
        return self.rows[number]

    def header(self, key: str) -> str:
        return self.headers.get(key, key)

    def period_of(self, value: Any) -> NetworkPeriod:
        """The period the cell names: known, or created by this import unless it overlaps
        another (`prepare_periods` decided it)."""
        key = w.parse_period(value)
        if key in self.refused_periods:
            raise ValueError(self.refused_periods[key])
        return self.periods[key]

    def prepare_periods(self, values: list[Any]) -> None:
        """Create the periods the chunk names that do not exist yet, unless one overlaps
        a period that exists (or that an earlier row made): then its rows are refused."""
        for value in values:
            try:
                key = w.parse_period(value)
            except ValueError:
                continue
            if key in self.periods or key in self.refused_periods:
                continue
            start, end = key
            clash = next((p for (s, e), p in self.periods.items() if s <= end and start <= e), None)
            if clash is not None:
                self.refused_periods[key] = _(
                    "The period %(period)s overlaps the period %(other)s."
                ) % {"period": f"{start}–{end}", "other": clash}
                continue
            self.periods[key] = NetworkPeriod.objects.create(start_year=start, end_year=end)


def _shown(value: Any) -> str:
    """A value as the preview shows it: Czech decimals and dates, labels of choices."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")
    if isinstance(value, dt.date):
        return short_date(value)
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(sorted(str(item) for item in value))
    for choices in (ServiceForm, CapacityUnit, LegalForm, NetworkLevel):
        if value in choices.values:
            return str(choices(value).label)
    return str(value)


class ChunkLoader(BaseInstanceLoader):
    """The chunk's existing instances, loaded in one query; instances the import creates
    in the chunk are added as they are saved (a second row with the same IČ finds them)."""

    def __init__(self, resource: Any, dataset: Any = None) -> None:
        super().__init__(resource, dataset)
        self.cache = resource.load_chunk(dataset)

    def get_instance(self, row: Any) -> Any:
        return self.cache.get(self.resource.key_of(row))


class QuietRowResult(RowResult):
    """A row's result without the instance's id and repr (the preview keeps its own)."""

    def add_instance_info(self, instance: Any) -> None:
        return None


class CellWidget(Widget):
    """A widget that reads a cell through a function of the run's context."""

    def __init__(self, function: Any) -> None:
        super().__init__()
        self.function = function

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
        return self.function(value, row)


class NetworkResource(ModelResource):
    """What the three resources share: the changes a row makes, its refusals, the history."""

    # (attribute, column key) compared with the stored instance
    tracked: tuple[tuple[str, str], ...] = ()
    # (attribute holding the cell's objects, related manager, column key)
    related: tuple[tuple[str, str, str], ...] = ()

    def __init__(self, context: ImportContext) -> None:
        super().__init__()
        self.ctx = context
        self.chunk_cache: dict[Any, Any] = {}
        self.pending_links: dict[Any, list[Any]] = {}

    class Meta:
        instance_loader_class = ChunkLoader
        skip_unchanged = True
        report_skipped = True
        skip_diff = True
        use_transactions = False
        clean_model_instances = False

    def import_data(self, dataset: Any, dry_run: bool = False, **kwargs: Any) -> Any:
        """The chunk, inside the run's own transaction: no savepoints, and a dry run (the
        preview) saves nothing — the library's dry run would save and roll back."""
        return self.import_data_inner(
            dataset, dry_run, False, False, False, rollback_on_validation_errors=False
        )

    def get_row_result_class(self) -> type[RowResult]:
        return QuietRowResult

    def load_chunk(self, dataset: Any) -> dict[Any, Any]:
        raise NotImplementedError

    def key_of(self, row: Any) -> Any:
        raise NotImplementedError

    def finish(self, instance: Any, row: Any, state: RowState) -> None:
        """Derived fields and checks across the row (raise ValidationError)."""

    def import_instance(self, instance: Any, row: Any, **kwargs: Any) -> None:
        state = self.ctx.state(row)
        before = (
            {attribute: getattr(instance, attribute) for attribute, _key in self.tracked}
            if instance.pk
            else None
        )
        super().import_instance(instance, row, **kwargs)
        self.finish(instance, row, state)
        changed = False
        if before is None:
            state.new = True
            changed = True
        else:
            for attribute, key in self.tracked:
                old, new = before[attribute], getattr(instance, attribute)
                if old != new:
                    state.changes.append((self.ctx.header(key), _shown(old), _shown(new)))
                    changed = True
        for attribute, manager, key in self.related:
            wanted = getattr(instance, attribute, None)
            if wanted is None:
                continue
            current = list(getattr(instance, manager).all()) if instance.pk else []
            if {obj.pk for obj in current} != {obj.pk for obj in wanted}:
                if instance.pk:
                    state.changes.append((self.ctx.header(key), _shown(current), _shown(wanted)))
                changed = True
            else:
                setattr(instance, attribute, None)  # nothing to write
        instance._import_changed = changed

    def skip_row(
        self, instance: Any, original: Any, row: Any, import_validation_errors: Any = None
    ) -> bool:
        if import_validation_errors:
            return False
        return not getattr(instance, "_import_changed", True)

    def before_save_instance(self, instance: Any, row: Any, **kwargs: Any) -> None:
        instance._change_reason = self.ctx.history_reason
        instance._history_user = self.ctx.by
        instance._created_now = instance.pk is None

    def after_save_instance(self, instance: Any, row: Any, **kwargs: Any) -> None:
        if not kwargs.get("dry_run"):
            for attribute, manager, _key in self.related:
                wanted = getattr(instance, attribute, None)
                if wanted is None:
                    continue
                if getattr(instance, "_created_now", False):
                    # A new record's links are inserted with the chunk's, in one query.
                    through = getattr(type(instance), manager).through
                    source, target = self._link_fields(manager)
                    self.pending_links.setdefault(through, []).extend(
                        through(**{source: instance.pk, target: obj.pk}) for obj in wanted
                    )
                else:
                    getattr(instance, manager).set(wanted)
        self.chunk_cache[self.key_of(row)] = instance

    def _link_fields(self, manager: str) -> tuple[str, str]:
        field = self._meta.model._meta.get_field(manager)
        return f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"

    def after_import(self, dataset: Any, result: Any, **kwargs: Any) -> None:
        """Nothing: the records get their ids from the database (no sequence to reset)."""

    def flush(self) -> None:
        """Insert the links of the chunk's new records (after `import_data`)."""
        for through, links in self.pending_links.items():
            through.objects.bulk_create(links, batch_size=500)
        self.pending_links = {}

    def import_row(self, row: Any, instance_loader: Any, **kwargs: Any) -> Any:
        """Import the row and record its refusals (an invalid row never reaches the
        library's `after_import_row`)."""
        row_result = super().import_row(row, instance_loader, **kwargs)
        state = self.ctx.state(row)
        if row_result.validation_error is not None:
            by_attribute = {f.attribute: f.column_name for f in self.get_import_fields()}
            for attribute, messages in row_result.validation_error.message_dict.items():
                key = by_attribute.get(attribute, attribute)
                for message in messages:
                    error = (self.ctx.header(key), message)
                    if error not in state.errors:
                        state.errors.append(error)
        for error in row_result.errors:
            state.errors.append(("", str(error.error)))
        return row_result


def _field(attribute: str, key: str, widget: Widget, *, keep_when_empty: bool = False) -> Field:
    return Field(
        attribute=attribute, column_name=key, widget=widget, saves_null_values=not keep_when_empty
    )


class ProviderResource(NetworkResource):
    ico = _field("ico", "ico", w.IcoWidget())
    name = _field("name", "provider_name", w.TextWidget(200))
    legal_form = _field("legal_form", "legal_form", w.legal_form_widget(), keep_when_empty=True)
    address = _field("address", "address", w.TextWidget(300), keep_when_empty=True)
    tracked = (("name", "provider_name"), ("legal_form", "legal_form"), ("address", "address"))

    class Meta(NetworkResource.Meta):
        model = Provider
        import_id_fields = ("ico",)
        fields = ("ico", "name", "legal_form", "address")

    def key_of(self, row: Any) -> str:
        return w._text(row.get("ico")).zfill(8)

    def load_chunk(self, dataset: Any) -> dict[Any, Any]:
        icos = {w._text(value).zfill(8) for value in dataset["ico"]}
        self.chunk_cache = {p.ico: p for p in Provider.objects.filter(ico__in=icos)}
        for ico in icos:
            if ico in self.ctx.pending_providers and ico not in self.chunk_cache:
                self.chunk_cache[ico] = self.ctx.pending_providers[ico]
        self.ctx.providers = self.chunk_cache
        return self.chunk_cache

    def after_init_instance(self, instance: Any, new: bool, row: Any, **kwargs: Any) -> None:
        if new:
            instance.legal_form, instance.address = LegalForm.OTHER, ""

    def after_save_instance(self, instance: Any, row: Any, **kwargs: Any) -> None:
        super().after_save_instance(instance, row, **kwargs)
        if kwargs.get("dry_run") and instance.pk is None:
            self.ctx.pending_providers[instance.ico] = instance

    def finish(self, instance: Any, row: Any, state: RowState) -> None:
        first = self.ctx.provider_names.setdefault(instance.ico, (instance.name, state.number))
        if first[0] != instance.name:
            raise ValidationError(
                {
                    "name": _("The IČ %(ico)s has the name “%(name)s” on row %(row)s.")
                    % {"ico": instance.ico, "name": first[0], "row": first[1]}
                }
            )


class ServiceResource(NetworkResource):
    registration_number = _field(
        "registration_number", "registration_number", w.RegistrationNumberWidget()
    )
    name = _field("name", "service_name", w.TextWidget(200))
    service_type = _field("service_type", "paragraph", Widget())
    form = _field("form", "form", w.form_widget())
    capacity_unit = _field("capacity_unit", "unit", w.unit_widget(), keep_when_empty=True)
    target_groups = _field("_target_groups", "target_groups", Widget())
    orps = _field("_orps", "orps", Widget())
    municipalities = _field("_municipalities", "municipalities", Widget())
    tracked = (
        ("name", "service_name"),
        ("provider_id", "ico"),
        ("service_type_id", "paragraph"),
        ("form", "form"),
        ("capacity_unit", "unit"),
    )
    related = (
        ("_target_groups", "target_groups", "target_groups"),
        ("_orps", "orps", "orps"),
        ("_municipalities", "municipalities", "municipalities"),
    )

    class Meta(NetworkResource.Meta):
        model = SocialService
        import_id_fields = ("registration_number",)
        fields = (
            "registration_number",
            "name",
            "service_type",
            "form",
            "capacity_unit",
            "target_groups",
            "orps",
            "municipalities",
        )

    def __init__(self, context: ImportContext) -> None:
        super().__init__(context)
        self.fields["service_type"].widget = CellWidget(self._service_type)
        self.fields["target_groups"].widget = CellWidget(self._target_groups)
        self.fields["orps"].widget = CellWidget(self._orps)
        self.fields["municipalities"].widget = CellWidget(self._municipalities)
        if "target_groups" not in context.headers:
            del self.fields["target_groups"]
        if "municipalities" not in context.headers:
            del self.fields["municipalities"]

    def key_of(self, row: Any) -> str:
        return w._text(row.get("registration_number"))

    def load_chunk(self, dataset: Any) -> dict[Any, Any]:
        numbers = {w._text(value) for value in dataset["registration_number"]}
        self.chunk_cache = {
            s.registration_number: s
            for s in SocialService.objects.filter(registration_number__in=numbers)
            .select_related("service_type")
            .prefetch_related("target_groups", "orps", "municipalities")
        }
        self.ctx.services = self.chunk_cache
        return self.chunk_cache

    def _service_type(self, value: Any, row: Any) -> ServiceType:
        text = w._text(value).removeprefix("§").strip()
        found = self.ctx.types.get(text.casefold())
        if found is None:
            raise ValueError(_("Unknown § “%(value)s”.") % {"value": w._text(value)})
        return found

    def _names(self, value: Any, lookup: dict[str, Any], message: str) -> list[Any]:
        found, unknown = [], []
        for name in w.split_list(value):
            item = lookup.get(w._plain(name))
            (found.append(item) if item is not None else unknown.append(name))
        if unknown:
            raise ValueError(message % {"names": ", ".join(unknown)})
        return list(dict.fromkeys(found))

    def _target_groups(self, value: Any, row: Any) -> list[TargetGroup]:
        return self._names(value, self.ctx.groups, _("Unknown target group: %(names)s."))

    def _orps(self, value: Any, row: Any) -> list[Orp]:
        orps = self._names(value, self.ctx.orps, _("Unknown ORP of the region: %(names)s."))
        if not orps:
            raise ValueError(_("Name at least one ORP of the region."))
        self.ctx.row_orps[int(row[ROW])] = orps
        return orps

    def _municipalities(self, value: Any, row: Any) -> list[Municipality]:
        try:
            orps = {orp.pk for orp in self._orps(row.get("orps"), row)}
        except ValueError:
            orps = set()
        found, unknown, ambiguous = [], [], []
        for name in w.split_list(value):
            candidates = self.ctx.municipalities.get(w._plain(name), [])
            if len(candidates) > 1:
                candidates = [m for m in candidates if m.orp_id in orps] or candidates
            if not candidates:
                unknown.append(name)
            elif len(candidates) > 1:
                ambiguous.append(name)
            else:
                found.append(candidates[0])
        if unknown:
            raise ValueError(
                _("Unknown municipality of the region: %(names)s.") % {"names": ", ".join(unknown)}
            )
        if ambiguous:
            raise ValueError(
                _("Municipalities of this name lie in several ORPs: %(names)s; name the ORP too.")
                % {"names": ", ".join(ambiguous)}
            )
        return list(dict.fromkeys(found))

    def finish(self, instance: Any, row: Any, state: RowState) -> None:
        state.registration_number = instance.registration_number or ""
        state.service_name = instance.name or ""
        errors: dict[str, str] = {}
        first = self.ctx.registration_rows.setdefault(instance.registration_number, state.number)
        if first != state.number:
            errors["registration_number"] = _(
                "The registration number %(number)s is also on row %(row)s."
            ) % {"number": instance.registration_number, "row": first}
        provider = self.ctx.providers.get(w._text(row.get("ico")).zfill(8))
        if provider is not None:
            instance.provider = provider
        service_type, form = instance.service_type, instance.form
        if form not in service_type.forms:
            errors["form"] = _(
                "§ %(paragraph)s %(name)s cannot be provided in the form “%(form)s”."
            ) % {
                "paragraph": service_type.paragraph,
                "name": service_type.name,
                "form": ServiceForm(form).label,
            }
        else:
            expected = service_type.unit_for_form(form)
            given = self.fields["capacity_unit"].clean(row)
            if given and given != expected:
                errors["capacity_unit"] = _(
                    "A service of § %(paragraph)s in the form “%(form)s” counts its capacity "
                    "in “%(unit)s”."
                ) % {
                    "paragraph": service_type.paragraph,
                    "form": ServiceForm(form).label,
                    "unit": CapacityUnit(expected).label,
                }
            instance.capacity_unit = expected
        if errors:
            raise ValidationError(errors)


class EntryResource(NetworkResource):
    service = _field("service", "registration_number", Widget())
    period = _field("period", "period", Widget())
    capacity = _field("capacity", "capacity", w.CapacityWidget())
    level = _field("level", "level", w.level_widget(), keep_when_empty=True)
    resolution_number = _field(
        "resolution_number", "resolution_number", w.TextWidget(30), keep_when_empty=True
    )
    resolution_date = _field(
        "resolution_date", "resolution_date", w.DateWidget(), keep_when_empty=True
    )
    tracked = (
        ("capacity", "capacity"),
        ("level", "level"),
        ("resolution_number", "resolution_number"),
        ("resolution_date", "resolution_date"),
    )
    related = (("_orps", "orps", "orps"),)

    class Meta(NetworkResource.Meta):
        model = NetworkEntry
        import_id_fields = ("service", "period")
        fields = (
            "service",
            "period",
            "capacity",
            "level",
            "resolution_number",
            "resolution_date",
        )

    def __init__(self, context: ImportContext) -> None:
        super().__init__(context)
        self.fields["service"].widget = CellWidget(
            lambda value, row: self.ctx.services[w._text(value)]
        )
        self.fields["period"].widget = CellWidget(lambda value, row: self.ctx.period_of(value))

    def key_of(self, row: Any) -> tuple[str, int] | None:
        try:
            period = self.ctx.period_of(row.get("period"))
        except ValueError:
            return None
        return (w._text(row.get("registration_number")), period.pk)

    def load_chunk(self, dataset: Any) -> dict[Any, Any]:
        numbers = {w._text(value) for value in dataset["registration_number"]}
        self.chunk_cache = {
            (e.service.registration_number, e.period_id): e
            for e in NetworkEntry.objects.filter(service__registration_number__in=numbers)
            .select_related("service__service_type", "period")
            .prefetch_related("orps")
        }
        return self.chunk_cache

    def after_init_instance(self, instance: Any, new: bool, row: Any, **kwargs: Any) -> None:
        instance._capacity_before = Decimal(0) if new else instance.capacity

    def finish(self, instance: Any, row: Any, state: RowState) -> None:
        service, period = instance.service, instance.period
        instance.form, instance.unit = service.form, service.capacity_unit
        if not instance.level:
            instance.level = NetworkLevel.INCLUDED
        instance.status = (
            PlanState.INCLUDED_WITH_CONDITIONS
            if instance.level in RESERVATION_LEVELS
            else PlanState.INCLUDED
        )
        if not instance.resolution_number:
            instance.resolution_number = period.resolution_number
            instance.resolution_date = instance.resolution_date or period.resolution_date
        instance._orps = self.ctx.row_orps.get(state.number)
        before = instance._capacity_before
        if instance.pk and instance.capacity < before and self._plans_in_progress(instance):
            state.warnings.append(
                (
                    self.ctx.header("capacity"),
                    _(
                        "The capacity decreases from %(before)s to %(after)s while a "
                        "development plan of the service for this period is in progress."
                    )
                    % {"before": _shown(before), "after": _shown(instance.capacity)},
                )
            )

    @staticmethod
    def _plans_in_progress(entry: NetworkEntry) -> bool:
        return (
            DevelopmentPlan.objects.filter(service=entry.service, call__period=entry.period)
            .exclude(state__in=SETTLED_STATES)
            .exists()
        )

    def after_save_instance(self, instance: Any, row: Any, **kwargs: Any) -> None:
        super().after_save_instance(instance, row, **kwargs)
        if kwargs.get("dry_run"):
            return
        before = instance._capacity_before
        if before != instance.capacity or getattr(instance, "_created_now", False):
            CapacityChange.objects.create(
                entry=instance,
                capacity_before=before,
                capacity_after=instance.capacity,
                unit=instance.unit,
                reason=self.ctx.capacity_reason,
                recorded_by=self.ctx.by,
            )
