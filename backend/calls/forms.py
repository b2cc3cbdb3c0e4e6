from django import forms

from backend.calls.models import Call, NetworkPeriod
from backend.calls.services import CALL_FIELDS, PERIOD_FIELDS


class CallForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = list(CALL_FIELDS)
        widgets = {
            "service_types": forms.CheckboxSelectMultiple,
            "opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M:%S"
            ),
            **{
                name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                for name in (
                    "opinion_deadline_date",
                    "council_deadline_date",
                    "decision_date_fixed",
                    "registration_cutoff",
                )
            },
        }


class PeriodForm(forms.ModelForm):
    class Meta:
        model = NetworkPeriod
        fields = list(PERIOD_FIELDS)
        widgets = {"resolution_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
