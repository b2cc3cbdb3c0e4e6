"""Input and output of casework: assignments and absences."""

from rest_framework import serializers

from backend.accounts.models import Absence, User


class AssignInput(serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        allow_null=True,
        help_text="The officer who owns the case from now on; null unassigns it.",
    )


class BulkAssignInput(AssignInput):
    plans = serializers.ListField(
        child=serializers.IntegerField(min_value=1), min_length=1, max_length=500
    )


class AssignedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    assignee = serializers.IntegerField(source="assignee_id", allow_null=True)


class BulkAssignedSerializer(serializers.Serializer):
    changed = serializers.IntegerField(help_text="How many of the plans changed owner.")
    skipped = serializers.ListField(
        child=serializers.IntegerField(), help_text="The ids of plans outside your scope."
    )


class AbsenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Absence
        fields = ["id", "user", "substitute", "starts_on", "ends_on", "note", "created_at"]
        read_only_fields = ["id", "user", "created_at"]
        # The service checks the substitute (a colleague) and the dates, with its own errors.
        extra_kwargs = {"substitute": {"queryset": User.objects.filter(is_active=True)}}
