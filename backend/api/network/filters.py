"""Filters of the register: period, ORP, § type, level, form, provider."""

import django_filters

from backend.api.filters import FormBuiltOnce, IdFilter
from backend.network.choices import NetworkLevel
from backend.network.filters import InNetworkByDefault
from backend.network.models import NetworkEntry
from backend.registry.choices import ServiceForm
from backend.registry.models import Orp, ServiceType


class NetworkEntryFilter(FormBuiltOnce, InNetworkByDefault):
    period = IdFilter(field_name="period_id")
    orp = django_filters.ModelChoiceFilter(
        field_name="orps",
        queryset=Orp.objects.all(),
        to_field_name="code",
        distinct=True,
        help_text="ČSÚ code of the ORP, e.g. 5105",
    )
    service_type = django_filters.ModelChoiceFilter(
        field_name="service__service_type",
        queryset=ServiceType.objects.all(),
        to_field_name="paragraph",
        help_text="§ of the service, e.g. 51",
    )
    level = django_filters.ChoiceFilter(
        choices=NetworkLevel.choices,
        help_text="Level in the network; left out: every level but not_included.",
    )
    form = django_filters.ChoiceFilter(choices=ServiceForm.choices)
    provider = IdFilter(field_name="service__provider_id")
    ico = django_filters.CharFilter(field_name="service__provider__ico", help_text="provider's IČ")

    class Meta:
        model = NetworkEntry
        fields: list[str] = []
