import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from backend.calls.models import NetworkPeriod
from backend.core.long_choices import LongChoiceFilter, LongSelect
from backend.network.choices import NetworkLevel
from backend.network.models import NetworkEntry
from backend.registry.choices import ServiceForm
from backend.registry.models import Orp, Provider, ServiceType


class InNetworkByDefault(django_filters.FilterSet):
    """The register's filters, pages and API alike: the services a region publishes as not
    included are entries too, shown only when their level is asked for."""

    @property
    def qs(self) -> QuerySet[NetworkEntry]:
        entries = super().qs
        if not self.form.cleaned_data.get("level"):
            entries = entries.exclude(level=NetworkLevel.NOT_INCLUDED)
        return entries


class NetworkEntryFilter(InNetworkByDefault):
    # The public register is the most visited page: its selects are rendered in Python
    # (LongSelect, the same markup as Django's).
    period = django_filters.ModelChoiceFilter(
        queryset=NetworkPeriod.objects.all(), label=_("Period"), widget=LongSelect
    )
    orp = django_filters.ModelChoiceFilter(
        field_name="orps", queryset=Orp.objects.all(), label=_("ORP"), widget=LongSelect
    )
    service_type = django_filters.ModelChoiceFilter(
        field_name="service__service_type",
        queryset=ServiceType.objects.all(),
        label=_("§ type"),
        widget=LongSelect,
    )
    level = django_filters.ChoiceFilter(
        choices=NetworkLevel.choices,
        label=_("Level"),
        empty_label=_("all in the network"),
        widget=LongSelect,
    )
    form = django_filters.ChoiceFilter(
        choices=ServiceForm.choices, label=_("Form"), widget=LongSelect
    )
    # A region has thousands of providers.
    provider = LongChoiceFilter(
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
