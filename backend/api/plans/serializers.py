"""Representations of plans and the inputs of their actions. Serializers parse and format
only: every rule lives in the services and the workflow actions."""

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from backend.accounts.rules import roles_of
from backend.api.enums import DECISION_LEVELS
from backend.api.fields import CodeRelatedField
from backend.api.model_serializers import ModelSerializer
from backend.api.plans.opinion_serializers import OpinionSummarySerializer
from backend.api.registry.serializers import ProviderSummarySerializer, ServiceSummarySerializer
from backend.api.rows import RowFormat
from backend.api.support import VersionedInput, allowed_transitions
from backend.calls.models import Call
from backend.callsetup.models import RequiredDocument
from backend.core.free_text import LONG_TEXT, SHORT_TEXT
from backend.machines.plan_review.states import DECIDED_STATES
from backend.plans.choices import AttachmentKind, DecidingBody
from backend.plans.models import DevelopmentPlan, PlanAttachment, RegionalDecision, state_label
from backend.plans.selectors import PLAN_RELATION_KEYS, plan_relation_keys
from backend.registry.models import ActivityCard, Municipality, Orp, SocialService
from backend.timeline.entries import EntryKind, Subject, TimelineEntry

ORP_CODES = "ČSÚ codes of the ORPs the plan touches; each is asked for its opinion."
TRANSITIONS = serializers.ListField(
    child=serializers.CharField(), help_text="The actions you may POST on the object now."
)


class PlanSerializer(ModelSerializer):
    call_name = serializers.CharField(source="call.name", read_only=True)
    provider = ProviderSummarySerializer(read_only=True)
    service = ServiceSummarySerializer(read_only=True)
    state_label = serializers.CharField(read_only=True)
    # The keys of the plan's relations, set on the plans by `plan_relation_keys_set`.
    orps = serializers.ListField(
        child=serializers.CharField(), source="orp_codes", read_only=True, help_text=ORP_CODES
    )
    municipalities = serializers.ListField(
        child=serializers.IntegerField(), source="municipality_ids", read_only=True
    )
    activity_cards = serializers.ListField(
        child=serializers.CharField(), source="activity_card_codes", read_only=True
    )

    class Meta:
        model = DevelopmentPlan
        fields = [
            "id",
            "version",
            "call",
            "call_name",
            "provider",
            "service",
            "kind",
            "state",
            "state_label",
            "capacity_current",
            "capacity_requested",
            "capacity_unit",
            "orps",
            "municipalities",
            "activity_cards",
            "justification",
            "amount_requested",
            "cofinancing_amount",
            "planned_start",
            "request_form",
            "submitted_at",
            "completion_due",
            "return_reason",
            "assignee",
            "decided_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


# The list's page as rows (backend/api/rows.py): the relations' keys and the state's label
# are put in each row under the names the serializer reads them by.
PLAN_ROW = RowFormat(
    PlanSerializer,
    given=("state_label", *(relation.attribute for relation in PLAN_RELATION_KEYS)),
)


def plan_rows_represent(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """PlanSerializer's representation of a page of `values(*PLAN_ROW.paths)` rows."""
    keys = plan_relation_keys([row["id"] for row in rows])
    for row in rows:
        row["state_label"] = state_label(row["state"])
        row.update(keys[row["id"]])
    return PLAN_ROW.represent_all(rows)


class DecisionSerializer(ModelSerializer):
    class Meta:
        model = RegionalDecision
        fields = [
            "outcome",
            "approved_capacity",
            "conditions",
            "remedy_due",
            "level",
            "body",
            "resolution_number",
            "resolution_date",
            "decided_at",
        ]


class AttachmentSerializer(ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = PlanAttachment
        fields = [
            "id",
            "kind",
            "requirement",
            "original_name",
            "size",
            "uploaded_at",
            "purged_at",
            "download_url",
        ]

    def get_download_url(self, attachment: PlanAttachment) -> str | None:
        """null once the file was removed after its retention period (`purged_at`)."""
        if attachment.purged_at:
            return None
        return reverse("api:plan-attachment-download", args=[attachment.plan_id, attachment.pk])


class PlanDetailSerializer(PlanSerializer):
    allowed_transitions = serializers.SerializerMethodField()
    opinions = OpinionSummarySerializer(many=True, read_only=True)
    decision = serializers.SerializerMethodField()
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [
            *PlanSerializer.Meta.fields,
            "allowed_transitions",
            "opinions",
            "decision",
            "attachments",
        ]
        read_only_fields = fields

    @extend_schema_field(TRANSITIONS)
    def get_allowed_transitions(self, plan: DevelopmentPlan) -> list[str]:
        return allowed_transitions(plan, self.context["request"].user)

    @extend_schema_field(DecisionSerializer(allow_null=True))
    def get_decision(self, plan: DevelopmentPlan) -> dict[str, Any] | None:
        try:
            decision = plan.decision  # selected with the plan
        except RegionalDecision.DoesNotExist:
            return None
        return DecisionSerializer(decision).data


class PlanUpdateInput(VersionedInput, ModelSerializer):
    """The fields of a draft (or a plan returned for completion) a provider may change."""

    orps = CodeRelatedField(
        slug_field="code",
        many=True,
        queryset=Orp.objects.all(),
        required=False,
        help_text=ORP_CODES,
    )
    municipalities = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Municipality.objects.all(), required=False
    )
    activity_cards = CodeRelatedField(
        slug_field="code", many=True, queryset=ActivityCard.objects.all(), required=False
    )

    class Meta:
        model = DevelopmentPlan
        fields = [
            "version",
            "kind",
            "capacity_current",
            "capacity_requested",
            "orps",
            "municipalities",
            "activity_cards",
            "justification",
            "amount_requested",
            "cofinancing_amount",
            "planned_start",
            "request_form",
        ]
        extra_kwargs: dict[str, dict[str, Any]] = {
            "request_form": {
                "help_text": "The call's request form (GET /api/v1/calls/{id}/forms/); "
                "required before submission when the call has forms."
            }
        }


class PlanCreateInput(PlanUpdateInput):
    """A new draft of your organisation's service in a planned or open call."""

    call = serializers.PrimaryKeyRelatedField(queryset=Call.objects.all())
    service = serializers.PrimaryKeyRelatedField(queryset=SocialService.objects.none())

    class Meta(PlanUpdateInput.Meta):
        fields = [
            "call",
            "service",
            "capacity_unit",
            *[name for name in PlanUpdateInput.Meta.fields if name != "version"],
        ]
        extra_kwargs = {**PlanUpdateInput.Meta.extra_kwargs, "capacity_unit": {"required": False}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        provider_ids = roles_of(request.user).provider_ids if request else frozenset()
        self.fields["service"].queryset = SocialService.objects.filter(  # type: ignore[attr-defined]  # a related field
            provider_id__in=provider_ids
        )


class ReturnInput(VersionedInput):
    reason = serializers.CharField(
        max_length=SHORT_TEXT, help_text="What the provider has to complete."
    )
    due = serializers.DateField(
        required=False, allow_null=True, help_text="Empty: the call's working days from today."
    )


class DecideInput(VersionedInput):
    outcome = serializers.ChoiceField(choices=[(s.value, s.label) for s in DECIDED_STATES])
    body = serializers.ChoiceField(choices=DecidingBody.choices)
    resolution_number = serializers.CharField(max_length=30, help_text="e.g. 258/17/ZK")
    resolution_date = serializers.DateField()
    conditions = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=LONG_TEXT
    )
    approved_capacity = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        min_value=0,
        required=False,
        allow_null=True,
        help_text="Empty: the requested capacity.",
    )
    remedy_due = serializers.DateField(required=False, allow_null=True)
    level = serializers.ChoiceField(
        choices=DECISION_LEVELS,
        required=False,
        allow_blank=True,
        default="",
        help_text="Where the register entry is placed. Empty: included, or reservation_z1v "
        "for an inclusion with conditions.",
    )


class AttachmentInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AttachmentKind.choices)
    requirement = serializers.PrimaryKeyRelatedField(
        queryset=RequiredDocument.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text="The required document of the plan's request form this file is.",
    )
    file = serializers.FileField()


class LogChangeSerializer(serializers.Serializer):
    """One field of a record from its old value to the new one, as the page shows them."""

    field = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label: DRF's metaclass takes it off the class
    old = serializers.CharField()
    new = serializers.CharField()


class LogEntrySerializer(serializers.Serializer):
    """One entry of the plan's timeline: a state change of the plan or one of its opinions
    (`kind` "state", with `transition`, `source_state` and `state`), a change of data of the
    plan, an opinion, a council resolution or the decision (`fields`), a deadline change
    (`deadline`) or a document added or generated (`document`)."""

    at = serializers.DateTimeField(source="when")
    kind = serializers.ChoiceField(choices=EntryKind.choices)
    subject = serializers.ChoiceField(choices=Subject.choices)
    subject_id = serializers.IntegerField()
    subject_label = serializers.CharField()
    summary = serializers.CharField(help_text="What happened, in the request's language.")
    transition = serializers.CharField(allow_null=True, help_text="State changes only.")
    source_state = serializers.CharField(allow_null=True, help_text="State changes only.")
    state = serializers.CharField(allow_null=True, help_text="State changes only.")
    by = serializers.CharField(source="username", allow_null=True, help_text="Null: the system.")
    by_name = serializers.CharField(source="who_name")
    comment = serializers.SerializerMethodField()
    changes = LogChangeSerializer(many=True)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_comment(self, entry: TimelineEntry) -> str | None:
        return entry.comment or None
