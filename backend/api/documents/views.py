"""Stored documents: the versions of the plans the caller may see, and their PDF files."""

from django.db.models import QuerySet
from django.http import HttpResponse
from django_filters import rest_framework as django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request

from backend.api.documents.serializers import DocumentSerializer
from backend.api.negotiation import FileDownloadNegotiation
from backend.audit.models import AccessChannel
from backend.documents.models import Document
from backend.documents.responses import pdf_response
from backend.documents.selectors import document_list_for_user


class DocumentFilter(django_filters.FilterSet):
    class Meta:
        model = Document
        fields = ["plan", "opinion", "kind"]


class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    """Generated PDFs (the submitted plan, municipal opinions, the regional decision): every
    version, immutable, with its SHA-256; only of plans the caller may see (404 otherwise)."""

    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    ordering_fields = ["id", "created_at", "version"]

    def get_queryset(self) -> QuerySet[Document]:
        return document_list_for_user(user=self.request.user).order_by("id")

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
        description="The PDF, verified against its SHA-256 (also in `X-Content-SHA256`).",
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="file",
        content_negotiation_class=FileDownloadNegotiation,
    )
    def file(self, request: Request, pk: str | None = None) -> HttpResponse:
        return pdf_response(self.get_object(), request=request, channel=AccessChannel.API)
