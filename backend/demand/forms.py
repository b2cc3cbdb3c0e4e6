"""Forms of the demand pages: a table and its lines (a formset). They parse input only —
the services decide who may record what."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from backend.core.form_fields import DecimalCommaField
from backend.demand.models import DemandEntry, DemandTable
from backend.demand.services import EntryInput, TableInput
from backend.registry.choices import CapacityUnit
from backend.registry.models import Municipality, Orp, PlanningArea, ServiceType

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DemandTableForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        help_text=_("e.g. “Akční plán rozvoje sociálních služeb Mikroregionu Tanvaldsko 2024”"),
    )
    municipality = forms.ModelChoiceField(
        Municipality.objects.none(),
        label=_("Stated by (municipality)"),
        required=False,
        help_text=_("Empty when the regional office states the need on behalf of the territory."),
    )
    stated_by = forms.CharField(
        label=_("Adopted by"),
        max_length=300,
        required=False,
        help_text=_("e.g. “Svazek obcí Mikroregion Tanvaldsko, usnesení č. 44/2023”"),
    )
    adopted_on = forms.DateField(label=_("Adopted on"), required=False, widget=DATE)
    valid_from = forms.IntegerField(label=_("Valid from (year)"), min_value=2000, max_value=2100)
    valid_to = forms.IntegerField(
        label=_("Valid to (year)"),
        required=False,
        help_text=_("Empty: valid until a later table replaces it."),
        min_value=2000,
        max_value=2100,
    )
    source_reference = forms.CharField(
        label=_("Source (address or reference)"), max_length=500, required=False
    )
    source_file = forms.FileField(
        label=_("Source document"),
        required=False,
        help_text=_("Optional; PDF, office documents or images."),
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = municipalities

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The last year cannot precede the first."))
        return data

    def table_input(self) -> TableInput:
        data = self.cleaned_data
        return TableInput(
            title=data["title"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            adopted_on=data["adopted_on"],
            stated_by=data["stated_by"],
            source_reference=data["source_reference"],
            municipality=data["municipality"],
        )

    @staticmethod
    def initial_of(table: DemandTable) -> dict[str, Any]:
        return {
            "title": table.title,
            "municipality": table.municipality_id,
            "stated_by": table.stated_by,
            "adopted_on": table.adopted_on,
            "valid_from": table.valid_from,
            "valid_to": table.valid_to,
            "source_reference": table.source_reference,
        }


def territory_choices(region_id: int) -> list[tuple[str, Any]]:
    """The ORPs of the region and the areas of its planning schemes, in one list."""
    orps = [(f"orp:{o.pk}", str(o)) for o in Orp.objects.filter(region_id=region_id)]
    areas: dict[str, list[tuple[str, str]]] = {}
    for area in PlanningArea.objects.filter(scheme__region_id=region_id).select_related("scheme"):
        areas.setdefault(area.scheme.name, []).append((f"area:{area.pk}", area.name))
    return [("", "---------"), (str(_("ORPs")), orps), *areas.items()]


class DemandEntryForm(forms.Form):
    territory = forms.ChoiceField(label=_("Territory (ORP or planning area)"))
    service_type = forms.ModelChoiceField(ServiceType.objects.all(), label=_("Type of service"))
    unit = forms.ChoiceField(choices=CapacityUnit.choices, label=_("Capacity unit"))
    quantity = DecimalCommaField(
        label=_("Capacity needed"), min_value=0, max_digits=9, decimal_places=2
    )
    note = forms.CharField(
        label=_("Note"), max_length=300, required=False, help_text=_("e.g. the age group “18+”")
    )

    def __init__(self, *args: Any, region_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["territory"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = territory_choices(region_id)

    def clean_quantity(self) -> Any:
        quantity = self.cleaned_data["quantity"]
        if quantity is not None and quantity <= 0:
            raise ValidationError(_("The capacity needed must be more than 0."))
        return quantity

    def entry_input(self) -> EntryInput:
        data = self.cleaned_data
        kind, pk = data["territory"].split(":")
        orp = Orp.objects.get(pk=pk) if kind == "orp" else None
        area = PlanningArea.objects.select_related("scheme").get(pk=pk) if kind == "area" else None
        return EntryInput(
            orp=orp,
            area=area,
            service_type=data["service_type"],
            unit=data["unit"],
            quantity=data["quantity"],
            note=data["note"],
        )

    @staticmethod
    def initial_of(entry: DemandEntry) -> dict[str, Any]:
        territory = f"orp:{entry.orp_id}" if entry.orp_id else f"area:{entry.area_id}"
        return {
            "territory": territory,
            "service_type": entry.service_type_id,
            "unit": entry.unit,
            "quantity": entry.quantity,
            "note": entry.note,
        }


DemandEntryFormSet = formset_factory(DemandEntryForm, extra=3, can_delete=True)


def entries_of(formset: Any) -> list[EntryInput]:
    """The lines typed in a valid formset, blank and deleted ones left out."""
    return [
        form.entry_input()
        for form in formset.forms
        if form.has_changed() and not form.cleaned_data.get("DELETE") and form.cleaned_data
    ]
