"""A call's published documents (public to read, the region's officers publish them) and
your own call subscription."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.announcements.models import CallDocument
from backend.announcements.selectors import (
    call_document_get_public,
    call_document_list,
    call_get_public,
    subscription_effective,
)
from backend.announcements.services import (
    call_document_add,
    call_document_delete,
    subscription_set,
)
from backend.api.errors import PayloadTooLarge
from backend.api.fields import CodeRelatedField
from backend.api.model_serializers import ModelSerializer
from backend.calls.models import Call
from backend.calls.selectors import call_outside_region
from backend.plans.uploads import download_response, raise_if_upload_refused
from backend.registry.models import ServiceType

# Multipart overhead allowed on top of the largest document before the body is read.
MULTIPART_SLACK = 64 * 1024


class ReadPublicly(BasePermission):
    """Anyone reads; writing needs a signed-in user (the rules decide the rest)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method in SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )


class CallDocumentSerializer(ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = CallDocument
        fields = ["id", "title", "original_name", "size", "uploaded_at", "download_url"]

    def get_download_url(self, document: CallDocument) -> str:
        return reverse("api:call-document", args=[document.call_id, document.pk])


class CallDocumentInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    file = serializers.FileField()


class CallSubscriptionSerializer(serializers.Serializer):
    """The calls you are told of: every type, or those listed (by §); `chosen` is false
    while the default applies (a provider's users: the types its services are of;
    municipal officers: every type)."""

    all_types = serializers.BooleanField()
    service_types = CodeRelatedField(
        slug_field="paragraph", many=True, queryset=ServiceType.objects.all()
    )
    chosen = serializers.BooleanField(read_only=True)


def _call(call_id: int) -> Call:
    try:
        return call_get_public(call_id=call_id)
    except Call.DoesNotExist as error:
        raise Http404 from error


def _managed(request: Request, call_id: int) -> Call:
    call = _call(call_id)
    if call_outside_region(user=request.user, call=call):
        raise Http404
    return call


class CallDocumentsView(APIView):
    permission_classes = [ReadPublicly]
    parser_classes = [MultiPartParser]

    @extend_schema(responses=CallDocumentSerializer(many=True))
    def get(self, request: Request, call_id: int) -> Response:
        """The call's published documents (public)."""
        documents = call_document_list(call=_call(call_id))
        return Response(CallDocumentSerializer(documents, many=True).data)

    @extend_schema(
        request={"multipart/form-data": CallDocumentInput},
        responses={201: CallDocumentSerializer},
    )
    def post(self, request: Request, call_id: int) -> Response:
        """Publish a document with the call (the region's officers; the file is checked by
        content and size like a plan's attachment)."""
        call = _managed(request, call_id)
        if not request.user.has_perm("calls.manage_call", call):
            raise PermissionDenied(_("Only the regional office manages calls."))
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.ATTACHMENT_MAX_BYTES + MULTIPART_SLACK:
            raise PayloadTooLarge()
        data = request.data
        raise_if_upload_refused(request)
        serializer = CallDocumentInput(data=data)
        serializer.is_valid(raise_exception=True)
        document = call_document_add(call=call, by=request.user, **serializer.validated_data)
        return Response(CallDocumentSerializer(document).data, status=201)


class CallDocumentView(APIView):
    permission_classes = [ReadPublicly]

    def _document(self, call_id: int, call_document_id: int) -> CallDocument:
        try:
            return call_document_get_public(call_id=call_id, document_id=call_document_id)
        except CallDocument.DoesNotExist as error:
            raise Http404 from error

    @extend_schema(responses={(200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, "The file.")})
    def get(self, request: Request, call_id: int, call_document_id: int) -> FileResponse:
        """Download a document of the call (public)."""
        document = self._document(call_id, call_document_id)
        return download_response(document.file.open("rb"), filename=document.original_name)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, call_id: int, call_document_id: int) -> Response:
        """Take a document off the call (the region's officers)."""
        _managed(request, call_id)
        call_document_delete(document=self._document(call_id, call_document_id), by=request.user)
        return Response(status=204)


class CallSubscriptionView(APIView):
    permission_classes = [IsAuthenticated]

    def _check(self, request: Request) -> None:
        if not request.user.has_perm("announcements.manage_subscription"):
            raise PermissionDenied(_("Only providers and municipal officers subscribe to calls."))

    def _current(self, request: Request) -> Response:
        current = subscription_effective(user=request.user)
        types = ServiceType.objects.filter(pk__in=current.type_ids)
        return Response(
            CallSubscriptionSerializer(
                {"all_types": current.all_types, "service_types": types, "chosen": current.chosen}
            ).data
        )

    @extend_schema(responses=CallSubscriptionSerializer)
    def get(self, request: Request) -> Response:
        """The calls you are told of (providers' users and municipal officers)."""
        self._check(request)
        return self._current(request)

    @extend_schema(request=CallSubscriptionSerializer, responses=CallSubscriptionSerializer)
    def put(self, request: Request) -> Response:
        """Choose the calls you are told of: `all_types`, or the service types by §; an
        empty list without `all_types` turns the notices off."""
        self._check(request)
        serializer = CallSubscriptionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        subscription_set(user=request.user, by=request.user, **serializer.validated_data)
        return self._current(request)
