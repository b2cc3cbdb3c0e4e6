from django import forms
from django.utils.translation import gettext_lazy as _

from backend.plans.forms import Form
from backend.registry.models import ServiceType


class ServiceTypeChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ServiceType) -> str:
        return str(obj)


class SubscriptionForm(Form):
    id_prefix = "subscription"
    all_types = forms.BooleanField(
        label=_("Tell me of calls of every service type"), required=False
    )
    service_types = ServiceTypeChoice(
        queryset=ServiceType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Service types whose calls I want to hear of"),
    )


class CallDocumentForm(Form):
    id_prefix = "document"
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"))
