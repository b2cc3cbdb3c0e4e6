"""A call's configuration: its request forms and their required documents."""

from rest_framework import serializers

from backend.api.model_serializers import ModelSerializer
from backend.callsetup.models import PlanField, RequestForm, RequiredDocument
from backend.core.file_types import FileType
from backend.core.free_text import SHORT_TEXT
from backend.machines.plan_review.kinds import PlanKind


class RequiredDocumentSerializer(ModelSerializer):
    file_types = serializers.ListField(child=serializers.ChoiceField(choices=FileType.choices))

    class Meta:
        model = RequiredDocument
        fields = ["id", "name", "description", "file_types", "required", "position"]
        read_only_fields = fields


class RequestFormSerializer(ModelSerializer):
    kinds = serializers.ListField(child=serializers.ChoiceField(choices=PlanKind.choices))
    required_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=PlanField.choices)
    )
    documents = RequiredDocumentSerializer(many=True, read_only=True)

    class Meta:
        model = RequestForm
        fields = [
            "id",
            "call",
            "code",
            "name",
            "description",
            "kinds",
            "required_fields",
            "documents",
        ]
        read_only_fields = fields


class RequestFormInput(serializers.Serializer):
    code = serializers.CharField(max_length=10)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(
        max_length=SHORT_TEXT, required=False, allow_blank=True, default=""
    )
    kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=PlanKind.choices),
        allow_empty=False,
        help_text="The kinds of plan that may file under the form.",
    )
    required_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=PlanField.choices),
        required=False,
        default=list,
        help_text="Optional plan fields the form makes required before submission.",
    )


class RequiredDocumentInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(
        max_length=SHORT_TEXT, required=False, allow_blank=True, default=""
    )
    file_types = serializers.ListField(
        child=serializers.ChoiceField(choices=FileType.choices), allow_empty=False
    )
    required = serializers.BooleanField(required=False, default=True)  # type: ignore[assignment]  # a field: DRF's metaclass takes it off the class
    position = serializers.IntegerField(min_value=0, max_value=32767, required=False)


class CopySetupInput(serializers.Serializer):
    source = serializers.IntegerField(  # type: ignore[assignment]  # a field: DRF's metaclass takes it off the class
        min_value=1, help_text="The call of the same region whose configuration is copied."
    )
