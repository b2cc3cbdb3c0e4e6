"""Forms of the register's management: rolling the network over into the next period."""

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.calls.models import NetworkPeriod


class RollOverForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("From the period"), queryset=NetworkPeriod.objects.order_by("-start_year")
    )
    target = forms.ModelChoiceField(
        label=_("Into the period"), queryset=NetworkPeriod.objects.order_by("-start_year")
    )
