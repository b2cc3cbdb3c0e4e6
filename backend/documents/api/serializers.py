from rest_framework import serializers
from rest_framework.reverse import reverse

from backend.documents.models import Document


class DocumentSerializer(serializers.ModelSerializer):
    """A stored document version with its checksum and where to download it."""

    download_url = serializers.SerializerMethodField()

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
            "created_at",
            "download_url",
        ]

    def get_download_url(self, document: Document) -> str:
        return reverse("api:document-file", args=[document.pk], request=self.context.get("request"))
