"""Filters of the registry lists (query parameters)."""

import django_filters

from backend.api.filters import FoldedFilter, IdFilter
from backend.registry.choices import ServiceForm
from backend.registry.models import Municipality, Orp, Provider, ServiceType, SocialService


class MunicipalityFilter(django_filters.FilterSet):
    orp = django_filters.ModelChoiceFilter(
        queryset=Orp.objects.all(), to_field_name="code", help_text="ČSÚ code of the ORP"
    )
    name = FoldedFilter(field_name="name_folded")

    class Meta:
        model = Municipality
        fields = ["orp", "name"]


class ProviderFilter(django_filters.FilterSet):
    ico = django_filters.CharFilter()
    name = FoldedFilter(field_name="name_folded")

    class Meta:
        model = Provider
        fields = ["ico", "name"]


class ServiceFilter(django_filters.FilterSet):
    provider = IdFilter(field_name="provider_id")
    service_type = django_filters.ModelChoiceFilter(
        queryset=ServiceType.objects.all(), to_field_name="paragraph", help_text="§, e.g. 51"
    )
    form = django_filters.ChoiceFilter(choices=ServiceForm.choices)
    orp = django_filters.ModelChoiceFilter(
        field_name="orps", queryset=Orp.objects.all(), to_field_name="code"
    )
    registration_number = django_filters.CharFilter()

    class Meta:
        model = SocialService
        fields = ["provider", "service_type", "form", "orp", "registration_number"]
