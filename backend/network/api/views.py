"""The network register: public read, no login."""

from django.db.models import QuerySet
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.serializers import Serializer

from backend.network.api import filters, serializers
from backend.network.models import NetworkEntry
from backend.network.selectors import entry_list_public


class NetworkEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """Services in the basic network per period, with capacity, territory and the history
    of every capacity change (on the detail)."""

    permission_classes = [AllowAny]
    filterset_class = filters.NetworkEntryFilter
    ordering_fields = ["capacity", "service__name", "service__provider__name", "updated_at"]

    def get_queryset(self) -> QuerySet[NetworkEntry]:
        entries = entry_list_public()
        if self.action == "retrieve":
            entries = entries.prefetch_related("changes")
        return entries

    def get_serializer_class(self) -> type[Serializer]:
        if self.action == "retrieve":
            return serializers.NetworkEntryDetailSerializer
        return serializers.NetworkEntrySerializer
