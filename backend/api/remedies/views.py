"""The follow-up of reservations: the regional office lists the entries under follow-up and
records its finding; the provider sends statements; both read an entry's follow-up. `{id}`
is the register entry's."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, QueryDict
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from backend.accounts.rules import roles_of
from backend.api.errors import PayloadTooLarge
from backend.api.remedies import serializers as s
from backend.core.deadlines import local_date
from backend.network.models import NetworkEntry
from backend.plans.uploads import raise_if_upload_refused
from backend.remedies.selectors import remedy_entry_get_for_user, remedy_list_for_office
from backend.remedies.services import (
    FILES_PER_STATEMENT,
    remedy_confirm,
    remedy_not_remedied,
    remedy_statement_send,
)

# A multipart body's overhead beyond its files (boundaries, headers, the text).
MULTIPART_SLACK = 64 * 1024


class FollowUpViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    def get_serializer_class(self) -> type[Serializer]:
        if self.action == "list":
            return s.FollowUpSerializer
        return s.FollowUpDetailSerializer

    def get_queryset(self) -> QuerySet[NetworkEntry]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no user
            return NetworkEntry.objects.none()
        if not roles_of(self.request.user).region_ids:
            raise PermissionDenied
        which = self.request.query_params.get("which", "")
        input_ = s.FollowUpFilterInput(data={"which": which})
        input_.is_valid(raise_exception=True)
        return remedy_list_for_office(
            user=self.request.user,
            today=local_date(timezone.now()),
            which=input_.validated_data.get("which", ""),
        )

    def _entry(self) -> NetworkEntry:
        pk = str(self.kwargs["pk"])
        if not pk.isdigit():
            raise Http404
        try:
            return remedy_entry_get_for_user(user=self.request.user, entry_id=int(pk))
        except NetworkEntry.DoesNotExist as error:
            raise Http404 from error

    def _detail(self, entry: NetworkEntry, status: int = 200) -> Response:
        entry = NetworkEntry.objects.prefetch_related(
            "remedy_statements__attachments", "remedy_outcomes"
        ).get(pk=entry.pk)
        return Response(s.FollowUpDetailSerializer(entry).data, status=status)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "which",
                str,
                enum=["due_soon", "overdue", "statement"],
                description="due_soon: the remedy date within two weeks; overdue: passed; "
                "statement: a statement was received.",
            )
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The reservations of your region under follow-up (the regional office only),
        the earliest remedy date first."""
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=s.FollowUpDetailSerializer)
    def retrieve(self, request: Request, pk: str) -> Response:
        """An entry's follow-up: the reservation, the provider's statements, the findings
        (the provider of the service and the regional office)."""
        return self._detail(self._entry())

    @extend_schema(
        request={"multipart/form-data": s.StatementInput},
        responses={201: s.FollowUpDetailSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def statement(self, request: Request, pk: str) -> Response:
        """Send the provider's statement on the remedy, with documents (repeat
        `documents`);
        may be sent more than once while the reservation lasts."""
        entry = self._entry()
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        limit = settings.ATTACHMENT_MAX_BYTES * FILES_PER_STATEMENT + MULTIPART_SLACK
        if length > limit:
            raise PayloadTooLarge()
        raise_if_upload_refused(request, "documents")
        body = request.data  # a QueryDict from a multipart body; a plain dict from none
        if not isinstance(body, QueryDict):
            body = QueryDict()
        data = {"text": body.get("text", ""), "documents": body.getlist("documents")}
        serializer = s.StatementInput(data=data)
        serializer.is_valid(raise_exception=True)
        remedy_statement_send(entry=entry, by=request.user, **serializer.validated_data)
        return self._detail(entry, status=201)

    @extend_schema(request=s.ConfirmInput, responses=s.FollowUpDetailSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str) -> Response:
        """Confirm the remedy (the regional office): the entry moves to included, citing
        the resolution."""
        entry = self._entry()
        serializer = s.ConfirmInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        remedy_confirm(entry=entry, by=request.user, **serializer.validated_data)
        return self._detail(entry)

    @extend_schema(request=s.NotRemediedInput, responses=s.FollowUpDetailSerializer)
    @action(detail=True, methods=["post"], url_path="not-remedied")
    def not_remedied(self, request: Request, pk: str) -> Response:
        """Record that the reservation was not remedied (the regional office), with the
        reason and the resolution: the entry moves to not included."""
        entry = self._entry()
        serializer = s.NotRemediedInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        remedy_not_remedied(entry=entry, by=request.user, **serializer.validated_data)
        return self._detail(entry)
