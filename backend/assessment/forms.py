"""Forms of the assessment pages; they parse input only — the services decide (the scale,
the reasons, who may score)."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.assessment.models import SCALE_LIMIT, Assessment, Criterion
from backend.core.form_fields import DecimalCommaField
from backend.core.free_text import SHORT_TEXT
from backend.registry.choices import CapacityUnit
from backend.registry.models import ServiceType


class Form(forms.Form):
    id_prefix = "f"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class AssessmentForm(Form):
    """Points (0 … the criterion's most) and a reason for each criterion of the call, as
    `points_<id>` and `reason_<id>`; prefilled with the assessor's own earlier scores."""

    id_prefix = "assessment"

    def __init__(
        self,
        *args: Any,
        criteria: list[Criterion],
        own: Assessment | None = None,
        **kwargs: Any,
    ) -> None:
        if own is not None and not args and "initial" not in kwargs:
            kwargs["initial"] = {
                key: value
                for score in own.scores.all()
                for key, value in (
                    (f"points_{score.criterion_id}", score.points),
                    (f"reason_{score.criterion_id}", score.reason),
                )
            }
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"points_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s: points (0–%(max)d)")
                % {"name": criterion.name, "max": criterion.max_points},
                choices=[("", "–"), *[(n, str(n)) for n in range(criterion.max_points + 1)]],
                coerce=int,
                empty_value=None,
                required=False,
                help_text=criterion.guidance,
            )
            self.fields[f"reason_{criterion.pk}"] = forms.CharField(
                label=_("%(name)s: reason") % {"name": criterion.name},
                max_length=SHORT_TEXT,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[int, tuple[int | None, str]]:
        """The cleaned input as the service takes it: {criterion id: (points, reason)}."""
        return {
            criterion.pk: (
                self.cleaned_data.get(f"points_{criterion.pk}"),
                self.cleaned_data.get(f"reason_{criterion.pk}", ""),
            )
            for criterion in self.criteria
        }


class CriterionForm(Form):
    id_prefix = "criterion"
    name = forms.CharField(label=_("Name"), max_length=200)
    guidance = forms.CharField(
        label=_("Guidance for the assessors"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    weight = DecimalCommaField(
        label=_("Weight"),
        min_value=Decimal("0.01"),
        max_digits=5,
        decimal_places=2,
        help_text=_("How much the criterion counts against the others, e.g. 1, 2 or 0,5."),
    )
    max_points = forms.IntegerField(
        label=_("Most points"),
        min_value=1,
        max_value=SCALE_LIMIT,
        initial=5,
        help_text=_("The scale runs from 0 to this number of points."),
    )
    order = forms.IntegerField(
        label=_("Order"), min_value=0, max_value=999, required=False, help_text=_("Empty: last.")
    )


class ReferenceValueForm(Form):
    id_prefix = "reference"
    service_type = forms.ModelChoiceField(ServiceType.objects.all(), label=_("Service type"))
    unit = forms.ChoiceField(label=_("Capacity unit"), choices=CapacityUnit.choices)
    valid_from_year = forms.IntegerField(
        label=_("Valid from (year)"), min_value=2000, max_value=2100
    )
    amount = DecimalCommaField(
        label=_("CZK per unit and year"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    note = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Where the value comes from, e.g. the region's published table."),
    )
