"""Representations of calls and network periods."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.api.fields import CodeRelatedField
from backend.api.model_serializers import ModelSerializer
from backend.api.support import allowed_transitions
from backend.calls.models import Call, NetworkPeriod
from backend.registry.models import PlanningScheme, ServiceType

# The largest value of a small integer column on every supported database.
SMALL = 32767
DAY_COUNTS = [
    "opinion_deadline_days",
    "council_deadline_days",
    "decision_date_days",
    "completion_days",
]


class NetworkPeriodSerializer(ModelSerializer):
    label = serializers.CharField(source="__str__", read_only=True)  # type: ignore[assignment]  # a field, not Field.label: DRF's metaclass takes it off the class

    class Meta:
        model = NetworkPeriod
        fields = ["id", "start_year", "end_year", "label"]
        extra_kwargs = {"start_year": {"max_value": SMALL}, "end_year": {"max_value": SMALL}}


class CallSerializer(ModelSerializer):
    """A call; each later deadline is a fixed date or N working days after the previous
    step, and the resolved dates are given as `opinion_deadline`, `council_deadline`,
    `decision_date`."""

    period = serializers.PrimaryKeyRelatedField(queryset=NetworkPeriod.objects.all())
    period_label = serializers.CharField(source="period.__str__", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    opinion_deadline = serializers.DateField(read_only=True, allow_null=True)
    council_deadline = serializers.DateField(read_only=True, allow_null=True)
    decision_date = serializers.DateField(read_only=True, allow_null=True)
    service_types = CodeRelatedField(
        slug_field="paragraph",
        many=True,
        required=False,
        queryset=ServiceType.objects.all(),
        help_text="The service types (§) the call is for; empty: every type.",
    )

    planning_scheme = serializers.PrimaryKeyRelatedField(
        queryset=PlanningScheme.objects.all(),
        required=False,
        allow_null=True,
        help_text="The region's planning scheme (its own split into areas) the call uses "
        "instead of the ORPs; null: the ORPs.",
    )

    class Meta:
        model = Call
        fields = [
            "id",
            "name",
            "period",
            "period_label",
            "state",
            "state_label",
            "opens_at",
            "closes_at",
            "opinion_deadline_date",
            "opinion_deadline_days",
            "council_deadline_date",
            "council_deadline_days",
            "decision_date_fixed",
            "decision_date_days",
            "completion_days",
            "opinion_routing",
            "decrease_needs_opinion",
            "council_for_commitments",
            "registration_cutoff",
            "service_types",
            "assessors_required",
            "score_spread_limit",
            "planning_scheme",
            "opinion_deadline",
            "council_deadline",
            "decision_date",
        ]
        read_only_fields = ["state"]
        # Explicit ranges: the model's come from the database backend (SQLite or PostgreSQL).
        extra_kwargs = {
            **{name: {"max_value": SMALL} for name in DAY_COUNTS},
            # One or two: its choices say so, without the database's range.
            "assessors_required": {"validators": []},
        }


class CallDetailSerializer(CallSerializer):
    allowed_transitions = serializers.SerializerMethodField()

    class Meta(CallSerializer.Meta):
        fields = [*CallSerializer.Meta.fields, "allowed_transitions"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_transitions(self, call: Call) -> list[str]:
        return allowed_transitions(call, self.context["request"].user)


class CallActionInput(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
