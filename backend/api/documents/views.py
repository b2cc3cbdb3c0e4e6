"""Stored documents: the versions of the plans the caller may see, and their PDF files."""

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse
from django_filters import rest_framework as django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.api.documents.serializers import (
    DocumentSerializer,
    VerificationSerializer,
    VerifyInput,
)
from backend.api.errors import PayloadTooLarge
from backend.api.negotiation import FileDownloadNegotiation
from backend.api.plans.views import MULTIPART_SLACK
from backend.audit.models import AccessChannel
from backend.core.throttling import VerifyThrottle
from backend.documents.models import Document
from backend.documents.responses import pdf_response
from backend.documents.selectors import document_list_for_user
from backend.plans.uploads import raise_if_upload_refused


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


class DocumentVerifyView(APIView):
    """Whether the region issued a PDF: its seal validated, the stored document it is found
    by its SHA-256 (the public "verify a document" page's twin). Anyone may ask; the file is
    not kept; uploads are throttled per client address."""

    permission_classes = [AllowAny]
    throttle_classes = [VerifyThrottle]
    parser_classes = [MultiPartParser]

    @extend_schema(request={"multipart/form-data": VerifyInput}, responses=VerificationSerializer)
    def post(self, request: Request) -> Response:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.ATTACHMENT_MAX_BYTES + MULTIPART_SLACK:
            raise PayloadTooLarge()
        data = request.data
        raise_if_upload_refused(request)
        serializer = VerifyInput(data=data)
        serializer.is_valid(raise_exception=True)
        # The validator (pyHanko) loads on the first verification, not with every process.
        from backend.documents.verification import document_verify

        result = document_verify(serializer.validated_data["file"].read())
        return Response(VerificationSerializer(result).data)
