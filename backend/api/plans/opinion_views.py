"""Municipal opinions (draft → issue, or → council → resolution) and council resolutions.
The municipal officer drafts, issues or sends to the council; the council secretary records
the resolution. Opinions are visible with their plan; others are 404."""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from backend.api.parsers import JSONParser
from backend.api.plans import filters
from backend.api.plans import opinion_serializers as s
from backend.api.support import (
    CommentInput,
    ListFilteringOnly,
    act,
    api_name,
    transition_atomic,
    transition_input,
)
from backend.audit.models import AccessChannel
from backend.audit.services import access_record
from backend.core.locking import lock_taken
from backend.machines.opinion_review.transitions import OpinionTransition as T
from backend.plans.models import CouncilResolution, MunicipalOpinion
from backend.plans.selectors import opinion_list_visible_for_user, resolution_list_for_user
from backend.plans.uploads import download_response, raise_if_upload_refused
from workflows.opinion_review import actions

DETAIL = {200: s.OpinionDetailSerializer}
# The viewset's actions that are transitions (`_transition`): their look-up takes the lock.
TRANSITIONS = {"draft", "send_to_council", "issue", "record_resolution"}


class OpinionViewSet(ListFilteringOnly, viewsets.ReadOnlyModelViewSet):
    filterset_class = filters.OpinionFilter
    ordering_fields = ["id", "due_date", "requested_at", "state"]

    def get_queryset(self) -> QuerySet[MunicipalOpinion]:
        opinions = opinion_list_visible_for_user(user=self.request.user).order_by("id")
        if self.action in TRANSITIONS:
            # The look-up locks the opinion's plan and the opinion, in this order (the
            # actions' order: PostgreSQL locks each row's tables in the order `OF` names
            # them): the action reads neither row a second time.
            return opinions.select_for_update(of=("plan", "self"))
        return opinions

    def get_serializer_class(self) -> type[Serializer]:
        return s.OpinionSerializer if self.action == "list" else s.OpinionDetailSerializer

    def _transition(
        self,
        request: Request,
        transition: T,
        input_class: type[Serializer],
        run: Callable[..., Any],
    ) -> Response:
        with transition_atomic():
            opinion = lock_taken(self.get_object())
            plan = lock_taken(opinion.plan)
            data = transition_input(
                request,
                opinion,
                transition,
                input_class,
                before_validation=lambda: raise_if_upload_refused(request, "document"),
            )

            def run_locked(locked: MunicipalOpinion) -> MunicipalOpinion:
                run(opinion=locked, by=request.user, **data)
                return locked

            # The plan and opinion rows were locked by the look-up, in the actions' order.
            # The answer is the opinion as the transition left it: its row, municipality
            # and resolution were read with the lock or written by the transition.
            changed = act(opinion, data, run_locked, lock_first=(plan,), last=True)
        return Response(s.OpinionDetailSerializer(changed, context={"request": request}).data)

    @extend_schema(request=s.OpinionDraftInput, responses=DETAIL)
    @action(detail=True, methods=["post"])
    def draft(self, request: Request, pk: str) -> Response:
        """Save the municipality's verdict; the call's rule decides if it needs the council."""
        return self._transition(request, T.DRAFT, s.OpinionDraftInput, actions.opinion_draft)

    @extend_schema(request=CommentInput, responses=DETAIL)
    @action(detail=True, methods=["post"], url_path=api_name(T.SEND_TO_COUNCIL))
    def send_to_council(self, request: Request, pk: str) -> Response:
        """Hand a committing opinion to the municipal council."""
        return self._transition(
            request, T.SEND_TO_COUNCIL, CommentInput, actions.opinion_send_to_council
        )

    @extend_schema(request=CommentInput, responses=DETAIL)
    @action(detail=True, methods=["post"])
    def issue(self, request: Request, pk: str) -> Response:
        """Issue an opinion that needs no council resolution."""
        return self._transition(request, T.ISSUE, CommentInput, actions.opinion_issue)

    @extend_schema(
        request={"application/json": s.ResolutionInput, "multipart/form-data": s.ResolutionInput},
        responses=DETAIL,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=api_name(T.RECORD_RESOLUTION),
        parser_classes=[JSONParser, MultiPartParser],
    )
    def record_resolution(self, request: Request, pk: str) -> Response:
        """Record the council's resolution (number/year, date, outcome, optional document);
        a rejecting resolution makes the opinion "does not support"."""
        return self._transition(
            request, T.RECORD_RESOLUTION, s.ResolutionInput, actions.opinion_record_resolution
        )


class ResolutionViewSet(viewsets.ReadOnlyModelViewSet):
    """Council resolutions of your municipality and those behind opinions you may see."""

    serializer_class = s.ResolutionSerializer
    filterset_class = filters.ResolutionFilter
    ordering_fields = ["meeting_date", "number"]

    def get_queryset(self) -> QuerySet[CouncilResolution]:
        return resolution_list_for_user(user=self.request.user).order_by("-meeting_date", "-id")

    @extend_schema(responses={(200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, "The file.")})
    @action(detail=True, methods=["get"], filter_backends=[])
    def document(self, request: Request, pk: str) -> FileResponse:
        """Download the resolution's document."""
        resolution = self.get_object()
        if not resolution.document:
            raise Http404
        filename = resolution.document_filename
        access_record(
            user=request.user,
            plan_id=None,
            resolution=resolution,
            filename=filename,
            channel=AccessChannel.API,
        )
        return download_response(resolution.document.open("rb"), filename=filename)
