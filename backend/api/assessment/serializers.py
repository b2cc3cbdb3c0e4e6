"""The assessment: a call's criteria, a plan's scores, the region's reference values."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.api.fields import CodeRelatedField
from backend.api.model_serializers import ModelSerializer
from backend.assessment.models import SCALE_LIMIT, Criterion, ReferenceValue
from backend.core.free_text import SHORT_TEXT
from backend.registry.choices import CapacityUnit
from backend.registry.models import ServiceType


class CriterionSerializer(ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "call", "name", "guidance", "weight", "max_points", "order"]
        read_only_fields = fields


class CriterionInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    guidance = serializers.CharField(max_length=SHORT_TEXT, required=False, allow_blank=True)
    weight = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal("0.01"), help_text="e.g. 1, 2 or 0.5"
    )
    max_points = serializers.IntegerField(
        min_value=1, max_value=SCALE_LIMIT, help_text="The scale runs from 0 to this."
    )
    order = serializers.IntegerField(min_value=0, max_value=999, required=False)


class ScoreSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(source="criterion_id")
    points = serializers.IntegerField()
    reason = serializers.CharField()


class AssessmentResultSerializer(serializers.Serializer):
    assessor = serializers.SerializerMethodField(
        help_text="The assessor's user id; null for the provider, who sees no names."
    )
    assessor_name = serializers.CharField(
        source="label", help_text="The name, or “Assessor 1” for the provider."
    )
    submitted_at = serializers.DateTimeField(source="assessment.submitted_at")
    total = serializers.DecimalField(
        max_digits=5, decimal_places=1, allow_null=True, help_text="Weighted total, 0–100 %."
    )
    scores = serializers.SerializerMethodField()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_assessor(self, result: object) -> int | None:
        if not self.context.get("names_shown"):
            return None
        return result.assessment.assessor_id  # type: ignore[attr-defined]  # an AssessmentResult

    @extend_schema_field(ScoreSerializer(many=True))
    def get_scores(self, result: object) -> list[dict[str, object]]:
        scores = result.scores.values()  # type: ignore[attr-defined]  # an AssessmentResult
        return ScoreSerializer(sorted(scores, key=lambda s: s.criterion_id), many=True).data  # type: ignore[return-value]  # a ReturnList of dicts


class CostComparisonSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    increase = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    unit = serializers.ChoiceField(choices=CapacityUnit.choices)
    per_unit = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="amount ÷ increase"
    )
    reference_amount = serializers.DecimalField(
        source="reference.amount", max_digits=12, decimal_places=2, allow_null=True
    )
    reference_valid_from_year = serializers.IntegerField(
        source="reference.valid_from_year", allow_null=True
    )
    ratio = serializers.DecimalField(
        max_digits=8,
        decimal_places=1,
        allow_null=True,
        help_text="per_unit as a share of the reference value, in per cent",
    )


class PlanAssessmentSerializer(serializers.Serializer):
    """A plan's assessment as the caller may see it (docs/assessment.md)."""

    assessors_required = serializers.IntegerField(
        source="required", help_text="Assessments the call asks for (1 or 2)."
    )
    submitted = serializers.IntegerField()
    complete = serializers.BooleanField()
    final = serializers.BooleanField(
        help_text="Every assessment is shown: complete, or the plan is decided. Before that "
        "an assessor sees only their own."
    )
    score = serializers.DecimalField(
        max_digits=5, decimal_places=1, allow_null=True, help_text="Mean of the totals, 0–100 %."
    )
    spread = serializers.DecimalField(
        max_digits=5,
        decimal_places=1,
        allow_null=True,
        help_text="Difference of the two totals in percentage points.",
    )
    flagged = serializers.BooleanField(help_text="spread > limit")
    limit = serializers.DecimalField(max_digits=5, decimal_places=2)
    can_assess = serializers.BooleanField(help_text="You may submit or change your scores now.")
    criteria = CriterionSerializer(many=True)
    assessments = AssessmentResultSerializer(source="results", many=True)
    cost = serializers.SerializerMethodField(
        help_text="The regional office only: the cost per unit beside the reference value."
    )

    @extend_schema_field(CostComparisonSerializer(allow_null=True))
    def get_cost(self, view: object) -> dict[str, object] | None:
        cost = self.context.get("cost")
        return CostComparisonSerializer(cost).data if cost is not None else None


class ScoreInput(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1)
    points = serializers.IntegerField(min_value=0, max_value=SCALE_LIMIT)
    reason = serializers.CharField(max_length=SHORT_TEXT, allow_blank=True)


class AssessmentInput(serializers.Serializer):
    scores = ScoreInput(many=True, help_text="One per criterion of the call.")

    def validate_scores(self, scores: list[dict[str, object]]) -> list[dict[str, object]]:
        ids = [score["criterion"] for score in scores]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError("Each criterion once.")
        return scores


class ReferenceValueSerializer(ModelSerializer):
    service_type = serializers.CharField(
        source="service_type.paragraph", read_only=True, help_text="§, e.g. 51"
    )

    class Meta:
        model = ReferenceValue
        fields = [
            "id",
            "region",
            "service_type",
            "unit",
            "valid_from_year",
            "amount",
            "note",
            "updated_at",
        ]
        read_only_fields = fields


class ReferenceValueInput(serializers.Serializer):
    service_type = CodeRelatedField(
        slug_field="paragraph", queryset=ServiceType.objects.all(), help_text="§, e.g. 51"
    )
    unit = serializers.ChoiceField(choices=CapacityUnit.choices)
    valid_from_year = serializers.IntegerField(min_value=2000, max_value=2100)
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0.01"), help_text="CZK per unit a year"
    )
    note = serializers.CharField(max_length=SHORT_TEXT, required=False, allow_blank=True)
