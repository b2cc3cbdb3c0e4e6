"""Representations of municipal opinions and council resolutions, and their action inputs."""

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.api.model_serializers import ModelSerializer
from backend.api.support import VersionedInput, allowed_transitions
from backend.core.free_text import LONG_TEXT
from backend.machines.opinion_review.states import Verdict
from backend.plans.choices import ResolutionOutcome
from backend.plans.models import CouncilResolution, MunicipalOpinion


class ResolutionSerializer(ModelSerializer):
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)
    document_url = serializers.SerializerMethodField()

    class Meta:
        model = CouncilResolution
        fields = [
            "id",
            "municipality",
            "municipality_name",
            "number",
            "meeting_date",
            "outcome",
            "recorded_at",
            "document_url",
        ]
        read_only_fields = fields

    def get_document_url(self, resolution: CouncilResolution) -> str | None:
        if not resolution.document:
            return None
        return reverse("api:resolution-document", args=[resolution.pk])


class ResolutionSummarySerializer(ModelSerializer):
    class Meta:
        model = CouncilResolution
        fields = ["id", "number", "meeting_date", "outcome"]


BLANK_VERDICT: dict[str, Any] = {"choices": Verdict.choices, "allow_blank": True, "read_only": True}


class OpinionSummarySerializer(ModelSerializer):
    verdict = serializers.ChoiceField(**BLANK_VERDICT, help_text="Empty until drafted.")
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = MunicipalOpinion
        fields = ["id", "municipality", "municipality_name", "state", "state_label", "verdict"]


class OpinionSerializer(ModelSerializer):
    verdict = serializers.ChoiceField(**BLANK_VERDICT, help_text="Empty until drafted.")
    municipality_name = serializers.CharField(source="municipality.name", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    resolution = ResolutionSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = MunicipalOpinion
        fields = [
            "id",
            "version",
            "plan",
            "municipality",
            "municipality_name",
            "role",
            "state",
            "state_label",
            "due_date",
            "verdict",
            "reasoning",
            "conditions",
            "cofinancing_amount",
            "needs_council",
            "resolution",
            "issued_at",
            "requested_at",
        ]
        read_only_fields = fields


class OpinionDetailSerializer(OpinionSerializer):
    allowed_transitions = serializers.SerializerMethodField()

    class Meta(OpinionSerializer.Meta):
        fields = [*OpinionSerializer.Meta.fields, "allowed_transitions"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_transitions(self, opinion: MunicipalOpinion) -> list[str]:
        return allowed_transitions(opinion, self.context["request"].user)


class OpinionDraftInput(VersionedInput):
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    reasoning = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=LONG_TEXT,
        help_text="Why the municipality supports the plan or not.",
    )
    conditions = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=LONG_TEXT,
        help_text="The conditions of a support with conditions (required for that verdict).",
    )
    cofinancing_amount = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        help_text="Co-financing the municipality commits (CZK); it needs the council.",
    )


class ResolutionInput(VersionedInput):
    number = serializers.CharField(max_length=20, help_text="number/year, e.g. 827/2017")
    meeting_date = serializers.DateField()
    outcome = serializers.ChoiceField(choices=ResolutionOutcome.choices)
    document = serializers.FileField(required=False, allow_null=True)
