from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.calls.models import Call, NetworkPeriod
from backend.calls.services import CALL_FIELDS, PERIOD_FIELDS
from backend.core.form_fields import DecimalCommaField


class CallForm(forms.ModelForm):
    score_spread_limit = DecimalCommaField(
        label=_("flag a difference between assessors above (percentage points)"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        initial=20,
        required=False,
    )

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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Left out of the posted form: the model's defaults (one assessor, 20 points).
        self.fields["assessors_required"].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("assessors_required", "score_spread_limit"):
            if cleaned.get(name) in (None, ""):
                cleaned[name] = getattr(self.instance, name)
        return cleaned


class PeriodForm(forms.ModelForm):
    class Meta:
        model = NetworkPeriod
        fields = list(PERIOD_FIELDS)
        widgets = {"resolution_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
