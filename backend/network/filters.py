import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from backend.calls.models import NetworkPeriod
from backend.network.choices import NetworkLevel
from backend.network.models import NetworkEntry
from backend.registry.choices import ServiceForm
from backend.registry.models import Orp, Provider, ServiceType


class NetworkEntryFilter(django_filters.FilterSet):
    period = django_filters.ModelChoiceFilter(
        queryset=NetworkPeriod.objects.all(), label=_("Period")
    )
    orp = django_filters.ModelChoiceFilter(
        field_name="orps", queryset=Orp.objects.all(), label=_("ORP")
    )
    service_type = django_filters.ModelChoiceFilter(
        field_name="service__service_type", queryset=ServiceType.objects.all(), label=_("§ type")
    )
    level = django_filters.ChoiceFilter(
        choices=NetworkLevel.choices,
        label=_("Level"),
        method="filter_level",
        empty_label=_("all in the network"),
    )
    form = django_filters.ChoiceFilter(choices=ServiceForm.choices, label=_("Form"))
    provider = django_filters.ModelChoiceFilter(
        field_name="service__provider", queryset=Provider.objects.all(), label=_("Provider")
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("service__provider__name", "provider"),
            ("capacity", "capacity"),
            ("service__service_type__sort_key", "type"),
        ),
    )

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
