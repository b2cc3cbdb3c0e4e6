from rest_framework import serializers
from rest_framework.reverse import reverse

from backend.api.model_serializers import ModelSerializer
from backend.documents.models import Document


class DocumentSerializer(ModelSerializer):
    """A stored document version with its checksum and where to download it."""

    # Explicit ranges: the model's column ranges differ between SQLite and PostgreSQL, and the
    # committed schema must be the same on both.
    version = serializers.IntegerField(read_only=True, min_value=1, max_value=32767)
    size = serializers.IntegerField(read_only=True, min_value=0, max_value=2147483647)
    download_url = serializers.SerializerMethodField()
    letter_version = serializers.IntegerField(
        source="letter_version.number",
        read_only=True,
        allow_null=True,
        default=None,
        min_value=1,
        help_text="The version of the call's edited letter text the document was made from; "
        "null: the shipped default (and always for the submitted plan).",
    )
    reference_number = serializers.CharField(
        source="reference_number.value",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The reference number (číslo jednací) printed on the document: the "
        "submission's for the submitted plan, the letter's own for an opinion or a decision; "
        "kept by a regenerated version; null for a document made before numbers were issued.",
    )

    class Meta:
        model = Document
        fields = [
            "id",
            "plan",
            "opinion",
            "kind",
            "version",
            "filename",
            "sha256",
            "size",
            "letter_version",
            "reference_number",
            "created_at",
            "download_url",
        ]

    def get_download_url(self, document: Document) -> str:
        return reverse("api:document-file", args=[document.pk], request=self.context.get("request"))


class VerifyInput(serializers.Serializer):
    file = serializers.FileField(help_text="The PDF as it was received.")


class VerifiedDocumentSerializer(serializers.Serializer):
    """The stored document a verified file is."""

    id = serializers.IntegerField(min_value=1)
    plan = serializers.IntegerField(source="plan_id", min_value=1)
    kind = serializers.CharField()
    version = serializers.IntegerField(min_value=1, max_value=32767)
    reference_number = serializers.CharField(
        source="reference_number.value", allow_null=True, default=None
    )


class VerificationSerializer(serializers.Serializer):
    """Whether the region issued a PDF: `issued` (sealed, unchanged, stored: `document` says
    which), `changed` (sealed, then changed), `not_issued` (no seal, another's, or not among
    the stored documents), `unreadable` (not a PDF)."""

    verdict = serializers.ChoiceField(choices=["issued", "changed", "not_issued", "unreadable"])
    sealed_by = serializers.CharField(source="seal.holder", allow_blank=True)
    sealed_at = serializers.DateTimeField(source="seal.signed_at", allow_null=True)
    timestamped_at = serializers.DateTimeField(source="seal.timestamped_at", allow_null=True)
    document = VerifiedDocumentSerializer(allow_null=True)
    superseded = serializers.BooleanField(
        help_text="A newer version of the document has been issued since."
    )
