"""The follow-up of reservations: entries under follow-up, statements, findings."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.api.model_serializers import ModelSerializer
from backend.api.registry.serializers import ProviderSummarySerializer, ServiceSummarySerializer
from backend.core.free_text import LONG_TEXT, SHORT_TEXT
from backend.network.models import NetworkEntry
from backend.remedies.models import RemedyOutcome, RemedyStatement, RemedyStatementAttachment
from backend.remedies.selectors import FollowUpFilter


class StatementDocumentSerializer(ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = RemedyStatementAttachment
        fields = ["id", "original_name", "size", "url"]

    @extend_schema_field(serializers.CharField())
    def get_url(self, attachment: RemedyStatementAttachment) -> str:
        """The download (the web's, for the provider and the regional office)."""
        return reverse("remedies:document", args=[attachment.statement.entry_id, attachment.pk])


class StatementSerializer(ModelSerializer):
    documents = StatementDocumentSerializer(source="attachments", many=True, read_only=True)

    class Meta:
        model = RemedyStatement
        fields = ["id", "remedy_due", "text", "sent_by", "sent_at", "documents"]


class FindingSerializer(ModelSerializer):
    class Meta:
        model = RemedyOutcome
        fields = [
            "id",
            "outcome",
            "remedy_due",
            "conditions",
            "level_before",
            "level_after",
            "reason",
            "resolution_number",
            "resolution_date",
            "recorded_by",
            "recorded_at",
        ]


class FollowUpSerializer(ModelSerializer):
    """A register entry under follow-up (the list)."""

    service = ServiceSummarySerializer(read_only=True)
    provider = ProviderSummarySerializer(source="service.provider", read_only=True)
    period_label = serializers.CharField(source="period.__str__", read_only=True)
    statement_count = serializers.IntegerField(read_only=True)
    last_statement_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = NetworkEntry
        fields = [
            "id",
            "service",
            "provider",
            "period",
            "period_label",
            "level",
            "conditions",
            "remedy_due",
            "statement_count",
            "last_statement_at",
        ]


class FollowUpDetailSerializer(ModelSerializer):
    """An entry's follow-up: the reservation, the statements and the findings."""

    service = ServiceSummarySerializer(read_only=True)
    provider = ProviderSummarySerializer(source="service.provider", read_only=True)
    period_label = serializers.CharField(source="period.__str__", read_only=True)
    statements = StatementSerializer(source="remedy_statements", many=True, read_only=True)
    findings = FindingSerializer(source="remedy_outcomes", many=True, read_only=True)

    class Meta:
        model = NetworkEntry
        fields = [
            "id",
            "service",
            "provider",
            "period",
            "period_label",
            "level",
            "conditions",
            "remedy_due",
            "resolution_number",
            "resolution_date",
            "statements",
            "findings",
        ]


class StatementInput(serializers.Serializer):
    text = serializers.CharField(max_length=LONG_TEXT)
    documents = serializers.ListField(
        child=serializers.FileField(), required=False, default=list, max_length=20
    )


class ConfirmInput(serializers.Serializer):
    resolution_number = serializers.CharField(max_length=30, help_text="e.g. 258/17/ZK")
    resolution_date = serializers.DateField()


class NotRemediedInput(ConfirmInput):
    reason = serializers.CharField(max_length=SHORT_TEXT)


class FollowUpFilterInput(serializers.Serializer):
    which = serializers.ChoiceField(
        choices=[member.value for member in FollowUpFilter], required=False, allow_blank=True
    )
