from django import forms
from django.utils.translation import gettext_lazy as _

from backend.calls.models import Call, NetworkPeriod
from backend.registry.choices import CapacityUnit


class CapacityFilterForm(forms.Form):
    """What the capacity dashboard shows: a period, optionally one call, the chart's unit."""

    period = forms.ModelChoiceField(NetworkPeriod.objects.all(), label=_("Period"), required=False)
    call = forms.ModelChoiceField(Call.objects.all(), label=_("Call"), required=False)
    unit = forms.ChoiceField(
        choices=CapacityUnit.choices, label=_("Unit of the chart"), required=False
    )


class CallFilterForm(forms.Form):
    call = forms.ModelChoiceField(Call.objects.all(), label=_("Call"), required=False)
