"""The published network register: entries with their capacity history."""

from rest_framework import serializers

from backend.api.model_serializers import ModelSerializer
from backend.api.registry.serializers import ProviderSummarySerializer, ServiceSummarySerializer
from backend.network.models import CapacityChange, NetworkEntry
from backend.registry.models import Orp


class CapacityChangeSerializer(ModelSerializer):
    class Meta:
        model = CapacityChange
        fields = ["plan", "capacity_before", "capacity_after", "unit", "reason", "recorded_at"]


class NetworkEntrySerializer(ModelSerializer):
    service = ServiceSummarySerializer(read_only=True)
    provider = ProviderSummarySerializer(source="service.provider", read_only=True)
    period_label = serializers.CharField(source="period.__str__", read_only=True)
    orps: "serializers.SlugRelatedField[Orp]" = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )

    class Meta:
        model = NetworkEntry
        fields = [
            "id",
            "service",
            "provider",
            "period",
            "period_label",
            "form",
            "capacity",
            "unit",
            "orps",
            "status",
            "level",
            "conditions",
            "remedy_due",
            "resolution_number",
            "resolution_date",
            "predecessor",
            "included_at",
            "updated_at",
        ]


class NetworkEntryDetailSerializer(NetworkEntrySerializer):
    changes = CapacityChangeSerializer(many=True, read_only=True)

    class Meta(NetworkEntrySerializer.Meta):
        fields = [*NetworkEntrySerializer.Meta.fields, "changes"]
