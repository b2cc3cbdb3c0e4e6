"""A plan's thread: GET the messages the caller may read, POST one (JSON or multipart with
`files`), download a message's attachment, mark the thread read. A plan outside the
caller's scope is 404; an internal note's attachment is 404 to anyone outside the office."""

from typing import Any

from django.conf import settings
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from backend.api.clarifications import serializers as s
from backend.api.errors import PayloadTooLarge
from backend.api.parsers import JSONParser
from backend.clarifications.models import ThreadRead
from backend.clarifications.selectors import (
    message_attachment_get_for_user,
    message_list_for_plan,
)
from backend.clarifications.services import message_mark_read, message_post
from backend.plans.models import DevelopmentPlan
from backend.plans.selectors import plan_list_for_user
from backend.plans.uploads import download_response, raise_if_upload_refused

# Multipart overhead allowed on top of the largest attachments before the body is read.
MULTIPART_SLACK = 64 * 1024
PLAN_ID = OpenApiParameter("plan_id", int, OpenApiParameter.PATH, description="The plan's id.")


class PlanMessageViewSet(viewsets.ViewSet):
    """Questions and messages on a plan (posting changes neither its state nor deadlines)."""

    parser_classes = [JSONParser, MultiPartParser]

    def _plan(self, request: Request, plan_id: int) -> DevelopmentPlan:
        return get_object_or_404(plan_list_for_user(user=request.user), pk=plan_id)

    @extend_schema(parameters=[PLAN_ID], responses=s.MessageSerializer(many=True))
    def list(self, request: Request, plan_id: int) -> Response:
        """The plan's messages you may read, oldest first, each marked `unread` if it is
        newer than your read mark and written by someone else."""
        plan = self._plan(request, plan_id)
        messages = message_list_for_plan(user=request.user, plan=plan)
        read_up_to = (
            ThreadRead.objects.filter(plan=plan, user_id=request.user.pk or 0)
            .values_list("last_read_id", flat=True)
            .first()
        )
        context = {"read_up_to": read_up_to or 0, "user_id": request.user.pk}
        return Response(s.MessageSerializer(messages, many=True, context=context).data)

    @extend_schema(
        parameters=[PLAN_ID],
        request={"application/json": s.MessageInput, "multipart/form-data": s.MessageInput},
        responses={201: s.MessageSerializer},
    )
    def create(self, request: Request, plan_id: int) -> Response:
        """Post a message for an audience you may write to: the regional office any of
        `internal`, `provider`, `municipality`; the provider `provider`; a municipal officer
        of a municipality the plan concerns `municipality`. Attachments (`files`, multipart)
        go through the upload checks."""
        plan = self._plan(request, plan_id)
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.ATTACHMENT_MAX_BYTES * 5 + MULTIPART_SLACK:
            raise PayloadTooLarge()
        data: Any = request.data
        raise_if_upload_refused(request, "files")
        serializer = s.MessageInput(data=data)
        serializer.is_valid(raise_exception=True)
        message = message_post(plan=plan, by=request.user, **serializer.validated_data)
        return Response(s.MessageSerializer(message).data, status=201)

    @extend_schema(
        parameters=[PLAN_ID, OpenApiParameter("message_attachment_id", int, OpenApiParameter.PATH)],
        responses={(200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, "The file.")},
    )
    def attachment(
        self, request: Request, plan_id: int, message_attachment_id: int
    ) -> FileResponse:
        """Download an attachment of a message you may read."""
        plan = self._plan(request, plan_id)
        attachment = message_attachment_get_for_user(
            user=request.user, plan=plan, attachment_id=message_attachment_id
        )
        return download_response(attachment.file.open("rb"), filename=attachment.original_name)

    @extend_schema(parameters=[PLAN_ID], request=None, responses=s.ReadMarkSerializer)
    def read(self, request: Request, plan_id: int) -> Response:
        """Mark every message of the plan you may read as read."""
        plan = self._plan(request, plan_id)
        mark = message_mark_read(plan=plan, by=request.user)
        return Response({"last_read_id": mark.last_read_id})
