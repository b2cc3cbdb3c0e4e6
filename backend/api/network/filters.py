"""Filters of the register: period, ORP, § type, form, provider."""

import django_filters
from django.db.models import QuerySet

from backend.api.filters import IdFilter
from backend.network.choices import NetworkLevel
from backend.network.models import NetworkEntry
from backend.registry.choices import ServiceForm
from backend.registry.models import Orp, ServiceType


class NetworkEntryFilter(django_filters.FilterSet):
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
        method="filter_level",
        help_text="Level in the network; left out: every level but not_included.",
    )
    form = django_filters.ChoiceFilter(choices=ServiceForm.choices)
    provider = IdFilter(field_name="service__provider_id")
    ico = django_filters.CharFilter(field_name="service__provider__ico", help_text="provider's IČ")

    class Meta:
        model = NetworkEntry
        fields: list[str] = []

    def filter_level(
        self, queryset: QuerySet[NetworkEntry], name: str, value: str
    ) -> QuerySet[NetworkEntry]:
        return queryset.filter(level=value)

    @property
    def qs(self) -> QuerySet[NetworkEntry]:
        # The services a region publishes as not included are entries too; the register
        # shows them only when that level is asked for.
        entries = super().qs
        if not self.form.cleaned_data.get("level"):
            entries = entries.exclude(level=NetworkLevel.NOT_INCLUDED)
        return entries
