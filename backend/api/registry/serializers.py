"""Representations of reference data, providers and services. Reference data is named by
stable codes: service types by § (`"51"`), ORPs by ČSÚ code (`"5105"`), activity cards by
code (`"A01-01"`), target groups by code."""

from typing import Any

from rest_framework import serializers

from backend.api.fields import CodeRelatedField
from backend.api.model_serializers import ModelSerializer
from backend.registry.choices import ServiceForm
from backend.registry.models import (
    ActivityCard,
    Municipality,
    Orp,
    Provider,
    ServiceType,
    SocialService,
    StrategicGoal,
    TargetGroup,
)


class ServiceTypeSerializer(ModelSerializer):
    forms = serializers.ListField(child=serializers.ChoiceField(ServiceForm.choices))

    class Meta:
        model = ServiceType
        fields = ["id", "paragraph", "name", "forms", "default_unit"]


class OrpSerializer(ModelSerializer):
    class Meta:
        model = Orp
        fields = ["id", "code", "name", "municipality_count", "seat"]
        # Explicit ranges: the model's come from the database backend (SQLite or PostgreSQL).
        extra_kwargs: dict[str, dict[str, Any]] = {"municipality_count": {"max_value": 32767}}


class MunicipalitySerializer(ModelSerializer):
    orp: "serializers.SlugRelatedField[Orp]" = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Municipality
        fields = ["id", "name", "code", "orp", "population"]
        extra_kwargs: dict[str, dict[str, Any]] = {"population": {"max_value": 2147483647}}


class TargetGroupSerializer(ModelSerializer):
    class Meta:
        model = TargetGroup
        fields = ["id", "code", "name"]


class ActivityCardSerializer(ModelSerializer):
    goals: "serializers.SlugRelatedField[StrategicGoal]" = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    service_types: "serializers.SlugRelatedField[ServiceType]" = serializers.SlugRelatedField(
        slug_field="paragraph", many=True, read_only=True
    )

    class Meta:
        model = ActivityCard
        fields = [
            "id",
            "code",
            "name",
            "goals",
            "service_types",
            "target_groups",
            "period",
            "responsibility",
            "financing",
            "description",
        ]


class ProviderSerializer(ModelSerializer):
    class Meta:
        model = Provider
        fields = ["id", "name", "ico", "legal_form", "address", "email"]
        # The IČ is validated by the model (`full_clean` in the service), not twice here.
        extra_kwargs: dict[str, dict[str, Any]] = {
            "ico": {"validators": [], "max_length": None, "help_text": "8 digits, mod-11 check"}
        }


class ProviderSummarySerializer(ModelSerializer):
    class Meta:
        model = Provider
        fields = ["id", "name", "ico"]


class SocialServiceSerializer(ModelSerializer):
    provider = serializers.PrimaryKeyRelatedField(
        queryset=Provider.objects.all(),
        required=False,
        help_text="Your organisation; needed only if you work for several.",
    )
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    service_type = CodeRelatedField(
        slug_field="paragraph", queryset=ServiceType.objects.all(), help_text="§ of Act 108/2006"
    )
    target_groups = CodeRelatedField(
        slug_field="code", many=True, queryset=TargetGroup.objects.all(), required=False
    )
    orps = CodeRelatedField(
        slug_field="code", many=True, queryset=Orp.objects.all(), required=False
    )

    class Meta:
        model = SocialService
        fields = [
            "id",
            "provider",
            "provider_name",
            "name",
            "registration_number",
            "registered_on",
            "service_type",
            "form",
            "capacity_unit",
            "target_groups",
            "orps",
        ]
        read_only_fields = ["capacity_unit"]
        # Uniqueness and formats are checked by the model (`full_clean` in the service).
        extra_kwargs: dict[str, dict[str, Any]] = {"registration_number": {"validators": []}}

    def validate_registration_number(self, value: str | None) -> str | None:
        return value or None  # a planned service has none


class ServiceSummarySerializer(ModelSerializer):
    service_type: "serializers.SlugRelatedField[ServiceType]" = serializers.SlugRelatedField(
        slug_field="paragraph", read_only=True
    )

    class Meta:
        model = SocialService
        fields = ["id", "name", "registration_number", "service_type", "form", "capacity_unit"]
