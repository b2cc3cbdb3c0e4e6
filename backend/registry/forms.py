"""Forms of the planning schemes and areas; they parse input only — the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.core.free_text import SHORT_TEXT
from backend.registry.models import Municipality, PlanningScheme, ServiceType


class PlanningSchemeForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("e.g. “Rodinné služby 2017 – NZDM (16 částí)”"),
    )
    service_types = forms.ModelMultipleChoiceField(
        ServiceType.objects.all(),
        label=_("Service types"),
        required=False,
        help_text=_("The service types the split is made for; none selected means any type."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @classmethod
    def for_scheme(cls, scheme: PlanningScheme) -> "PlanningSchemeForm":
        return cls(
            initial={
                "name": scheme.name,
                "service_types": list(scheme.service_types.all()),
                "note": scheme.note,
            }
        )


class MunicipalityChoiceField(forms.ModelMultipleChoiceField):
    """Municipalities named with their ORP (two municipalities may share a name)."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} (ORP {obj.orp.name})"


class PlanningAreaForm(forms.Form):
    name = forms.CharField(label=_("Name of the area"), max_length=200)
    municipalities = MunicipalityChoiceField(
        Municipality.objects.none(),
        label=_("Municipalities"),
        required=False,
        help_text=_("A municipality can be in one area of a scheme only."),
    )

    def __init__(self, *args: Any, region_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipalities"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Municipality.objects.filter(orp__region_id=region_id).select_related("orp")
