"""Forms of casework: whom to give a case to, an absence with its substitute."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.core.long_choices import LongSelect
from backend.plans.forms import DATE


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class AssignForm(forms.Form):
    """The new owner of a case; empty = nobody (unassign)."""

    assignee = OfficerChoiceField(
        label=_("Assigned officer"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("— nobody —"),
        # On the plan list and once per case on the plan page: rendered in Python.
        widget=LongSelect,
    )

    def __init__(self, *args: Any, candidates: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, OfficerChoiceField)
        field.queryset = candidates


class AbsenceForm(forms.Form):
    substitute = OfficerChoiceField(label=_("Substitute"), queryset=User.objects.none())
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To (inclusive)"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["substitute"]
        assert isinstance(field, OfficerChoiceField)
        field.queryset = colleagues
