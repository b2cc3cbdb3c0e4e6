"""Demand tables with their entries; planning schemes with their areas."""

from rest_framework import serializers

from backend.api.calls.serializers import SMALL
from backend.api.fields import CodeRelatedField
from backend.api.model_serializers import ModelSerializer
from backend.demand.models import DemandEntry, DemandTable
from backend.registry.choices import CapacityUnit
from backend.registry.models import Municipality, Orp, PlanningArea, PlanningScheme, ServiceType

MAX_ENTRIES = 200


class DemandEntrySerializer(ModelSerializer):
    service_type: "serializers.SlugRelatedField[ServiceType]" = serializers.SlugRelatedField(
        slug_field="paragraph", read_only=True
    )
    area_name = serializers.CharField(source="area.name", read_only=True, allow_null=True)

    class Meta:
        model = DemandEntry
        fields = ["id", "orp", "area", "area_name", "service_type", "unit", "quantity", "note"]


class DemandTableSerializer(ModelSerializer):
    valid_years = serializers.CharField(read_only=True)
    source_file = serializers.SerializerMethodField()

    class Meta:
        model = DemandTable
        fields = [
            "id",
            "region",
            "title",
            "municipality",
            "stated_by",
            "on_behalf",
            "adopted_on",
            "valid_from",
            "valid_to",
            "valid_years",
            "source_reference",
            "source_file",
            "recorded_by",
            "created_at",
            "updated_at",
        ]
        # Explicit ranges: the model's come from the database backend (SQLite or PostgreSQL).
        extra_kwargs = {"valid_from": {"max_value": SMALL}, "valid_to": {"max_value": SMALL}}

    def get_source_file(self, table: DemandTable) -> str | None:
        """The uploaded source document's name (download on the web page), or null."""
        return table.source_name or None


class DemandTableDetailSerializer(DemandTableSerializer):
    entries = DemandEntrySerializer(many=True, read_only=True)

    class Meta(DemandTableSerializer.Meta):
        fields = [*DemandTableSerializer.Meta.fields, "entries"]


class DemandEntryInput(serializers.Serializer):
    orp = serializers.PrimaryKeyRelatedField(
        queryset=Orp.objects.all(), required=False, allow_null=True, default=None
    )
    area = serializers.PrimaryKeyRelatedField(
        queryset=PlanningArea.objects.select_related("scheme"),
        required=False,
        allow_null=True,
        default=None,
    )
    service_type = CodeRelatedField(
        slug_field="paragraph", queryset=ServiceType.objects.all(), help_text="The §, e.g. 70."
    )
    unit = serializers.ChoiceField(choices=CapacityUnit.choices)
    quantity = serializers.DecimalField(max_digits=9, decimal_places=2, min_value=0)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict) -> dict:
        if (attrs.get("orp") is None) == (attrs.get("area") is None):
            raise serializers.ValidationError("Give either an ORP or a planning area.")
        return attrs


class DemandTableInput(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    municipality = serializers.PrimaryKeyRelatedField(
        queryset=Municipality.objects.select_related("orp"),
        required=False,
        allow_null=True,
        default=None,
    )
    stated_by = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    adopted_on = serializers.DateField(required=False, allow_null=True, default=None)
    valid_from = serializers.IntegerField(min_value=2000, max_value=2100)
    valid_to = serializers.IntegerField(
        min_value=2000, max_value=2100, required=False, allow_null=True, default=None
    )
    source_reference = serializers.CharField(
        max_length=500, required=False, allow_blank=True, default=""
    )
    entries = serializers.ListField(
        child=DemandEntryInput(),
        required=False,
        max_length=MAX_ENTRIES,
        help_text="All lines of the table; on PATCH they replace the table's lines.",
    )


class PlanningAreaSerializer(ModelSerializer):
    class Meta:
        model = PlanningArea
        fields = ["id", "scheme", "name", "municipalities"]


class PlanningSchemeSerializer(ModelSerializer):
    service_types: "serializers.SlugRelatedField[ServiceType]" = serializers.SlugRelatedField(
        slug_field="paragraph", many=True, read_only=True
    )
    areas = PlanningAreaSerializer(many=True, read_only=True)

    class Meta:
        model = PlanningScheme
        fields = ["id", "region", "name", "service_types", "note", "areas"]


class PlanningSchemeInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    service_types: "serializers.SlugRelatedField[ServiceType]" = CodeRelatedField(
        slug_field="paragraph", many=True, queryset=ServiceType.objects.all(), required=False
    )
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class PlanningAreaInput(serializers.Serializer):
    scheme = serializers.PrimaryKeyRelatedField(queryset=PlanningScheme.objects.all())
    name = serializers.CharField(max_length=200)
    municipalities = serializers.PrimaryKeyRelatedField(
        queryset=Municipality.objects.all(), many=True
    )
