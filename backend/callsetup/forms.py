"""Forms of the call setup pages; they parse input only — the services decide."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from backend.calls.models import Call
from backend.callsetup.models import PlanField, RequestForm, RequiredDocument
from backend.core.file_types import FileType
from backend.machines.plan_review.kinds import PlanKind


class RequestFormForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of plan"),
        choices=PlanKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A plan can use the form only if its kind of change is ticked."),
    )
    required_fields = forms.MultipleChoiceField(
        label=_("Required fields"),
        choices=PlanField.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Optional fields of the plan that this form makes required."),
    )

    class Meta:
        model = RequestForm
        fields = ["code", "name", "description", "kinds", "required_fields"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class RequiredDocumentForm(forms.ModelForm):
    file_types = forms.MultipleChoiceField(
        label=_("Allowed file types"),
        choices=FileType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    position = forms.IntegerField(label=_("Order"), min_value=0, required=False)

    class Meta:
        model = RequiredDocument
        fields = ["name", "description", "file_types", "required", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class CopySetupForm(forms.Form):
    source = forms.ModelChoiceField(
        Call.objects.none(),
        label=_("Copy the configuration from"),
        help_text=_(
            "The rules, request forms and required documents of the chosen call; its name "
            "and dates are not copied."
        ),
    )

    def __init__(self, *args: Any, sources: QuerySet[Call], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["source"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = sources
