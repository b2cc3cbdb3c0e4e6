"""Forms of the follow-up pages; they parse input only — the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.core.free_text import LONG_TEXT, SHORT_TEXT
from backend.remedies.selectors import FILTER_LABELS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (none is fine: a statement may have no documents)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        cleaned = super().clean(data, initial)
        return [cleaned] if cleaned else []


class Form(forms.Form):
    id_prefix = "f"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class StatementForm(Form):
    id_prefix = "statement"
    text = forms.CharField(
        label=_("What was done to remedy the reservation"),
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    documents = MultipleFileField(
        label=_("Documents"), help_text=_("Optional; PDF, office documents or images.")
    )


class ConfirmForm(Form):
    id_prefix = "confirm"
    resolution_number = forms.CharField(
        label=_("Resolution number"), max_length=30, help_text=_("e.g. 258/17/ZK")
    )
    resolution_date = forms.DateField(label=_("Resolution date"), widget=DATE)


class NotRemediedForm(Form):
    id_prefix = "not_remedied"
    reason = forms.CharField(
        label=_("Why the reservation was not remedied"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    resolution_number = forms.CharField(
        label=_("Resolution number"), max_length=30, help_text=_("e.g. 258/17/ZK")
    )
    resolution_date = forms.DateField(label=_("Resolution date"), widget=DATE)


class FollowUpFilterForm(forms.Form):
    which = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("all under follow-up")), *FILTER_LABELS.items()],
    )
