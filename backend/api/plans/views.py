"""Development plans: list, read, create and edit drafts, the transitions as POST actions,
attachments and the log. Every write goes through the services and workflow actions; the
queryset comes from the selectors, so a plan outside the caller's scope is 404."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import FileResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from backend.accounts.rules import roles_of
from backend.api.errors import PayloadTooLarge
from backend.api.exports import CSV_DIALECT_PARAMETER, api_csv_dialect
from backend.api.negotiation import FileDownloadNegotiation
from backend.api.plans import filters
from backend.api.plans import serializers as s
from backend.api.support import (
    CommentInput,
    ListFilteringOnly,
    VersionedInput,
    act,
    api_name,
    transition_atomic,
    transition_input,
)
from backend.audit.models import AccessChannel
from backend.audit.services import access_record
from backend.core.exports import CONTENT_TYPES, export_response
from backend.core.locking import lock_taken
from backend.machines.plan_review.transitions import PlanTransition as T
from backend.plans.exports import PLAN_COLUMNS, plan_rows
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from backend.plans.selectors import (
    PLAN_ROW_RELATIONS,
    plan_list_for_user,
    plan_relation_keys_set,
)
from backend.plans.services import attachment_add, plan_create, plan_update_draft
from backend.plans.uploads import download_response, raise_if_upload_refused
from backend.timeline.entries import EntryKind
from backend.timeline.selectors import plan_timeline
from workflows.plan_review import actions

# Multipart overhead allowed on top of the largest attachment before the body is read.
MULTIPART_SLACK = 64 * 1024
DETAIL = {200: s.PlanDetailSerializer}
# Sub-lists of one plan are short: neither paginated nor filtered.
UNPAGED: dict[str, Any] = {"pagination_class": None, "filter_backends": []}


# What the detail shows besides the plan's row and its decision, each in one query (the
# territory and the activity cards come as keys: plan_relation_keys_set).
DETAIL_RELATIONS = (
    Prefetch("opinions", MunicipalOpinion.objects.select_related("municipality")),
    "attachments",
)


def with_detail_relations(plans: QuerySet[DevelopmentPlan]) -> QuerySet[DevelopmentPlan]:
    return plans.select_related("decision").prefetch_related(*DETAIL_RELATIONS)


# What a transition's lock reads with the plan's row for the detail it answers with, so the
# answer is the locked plan as the transition left it, not a second read of the row.
AFTER_TRANSITION = (*PLAN_ROW_RELATIONS, "decision")
# The viewset's actions that are transitions (`_transition`): their look-up takes the lock.
TRANSITIONS = {"submit", "withdraw", "return_for_completion", "resubmit", "decide"}
# What a transition's action reads of the plan's relations besides, read with the lock: an
# inclusion writes the register entry of the call's period (its sort key shows the years).
ACTION_READS = {"decide": ("call__period",)}


class PlanViewSet(
    ListFilteringOnly,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    filterset_class = filters.PlanFilter
    filter_backends = [DjangoFilterBackend, filters.PlanOrdering]
    # `score`: the assessment's score (annotated by the ordering filter when asked for).
    ordering_fields = ["id", "submitted_at", "created_at", "state", "capacity_requested", "score"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # The page is read as `values()` rows and represented as PlanSerializer would
        # represent the plans (backend/api/rows.py); not a docstring: the schema shows those.
        plans = self.filter_queryset(self.get_queryset())
        rows = self.paginate_queryset(plans.values(*s.PLAN_ROW.paths))
        assert rows is not None  # the list is always paginated
        return self.get_paginated_response(s.plan_rows_represent(rows))

    def get_queryset(self) -> QuerySet[DevelopmentPlan]:
        plans = plan_list_for_user(user=self.request.user)
        if self.action == "list":
            return plans  # read as rows with the page's relations: list
        if self.action == "retrieve":
            return with_detail_relations(plans)
        if self.action in TRANSITIONS:
            # The transitions look the plan up locked, in their transaction, with what the
            # detail shows of the row: the action reads it no second time, and the answer
            # is the plan as the transition left it.
            return (
                plans.select_related(None)
                .select_related(*AFTER_TRANSITION, *ACTION_READS.get(self.action, ()))
                .select_for_update(of=("self",))
            )
        # The other actions look the plan up to check and lock it, and the lock reads again
        # what was loaded with it: only what the rules and the actions read (the call's
        # region, an inclusion's service); their answer is read by _detail.
        return plans.select_related(None).select_related("call", "service")

    def get_serializer_class(self) -> type[Serializer]:
        classes: dict[str | None, type[Serializer]] = {
            "list": s.PlanSerializer,
            "create": s.PlanCreateInput,
            "partial_update": s.PlanUpdateInput,
        }
        return classes.get(self.action, s.PlanDetailSerializer)

    @extend_schema(
        filters=True,
        parameters=[CSV_DIALECT_PARAMETER],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR),
            (200, CONTENT_TYPES["xlsx"]): OpenApiResponse(OpenApiTypes.BINARY),
        },
    )
    @action(
        detail=False,
        methods=["get"],
        url_path=r"export/(?P<fmt>csv|xlsx)",
        content_negotiation_class=FileDownloadNegotiation,
    )
    def export(self, request: Request, fmt: str) -> HttpResponseBase:
        """The plans you see, with the same filters and ordering as the list, as a streamed
        CSV or XLSX file (not paginated)."""
        plans = self.filter_queryset(plan_list_for_user(user=request.user))
        return export_response(
            fmt=fmt,
            filename="rozvojove-zamery",
            columns=PLAN_COLUMNS,
            rows=plan_rows(plans),
            dialect=api_csv_dialect(request),
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._respond(self.get_object())

    def _respond(self, plan: DevelopmentPlan, status: int = 200) -> Response:
        plan_relation_keys_set([plan])
        context = self.get_serializer_context()
        return Response(s.PlanDetailSerializer(plan, context=context).data, status=status)

    def _detail(self, plan: DevelopmentPlan, status: int = 200) -> Response:
        """The plan after a write, as the detail shows it: its row and relations read
        afresh (the plan was looked up in the caller's scope before the write)."""
        plans = DevelopmentPlan.objects.select_related(*PLAN_ROW_RELATIONS)
        return self._respond(with_detail_relations(plans).get(pk=plan.pk), status)

    @extend_schema(request=s.PlanCreateInput, responses={201: s.PlanDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """File a new draft for one of your organisation's services (provider users)."""
        if not roles_of(request.user).provider_ids:
            raise PermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = plan_create(by=request.user, **serializer.validated_data)
        return self._detail(plan, status=201)

    @extend_schema(request=s.PlanUpdateInput, responses=DETAIL)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a draft or a plan returned for completion (send `version` to be safe)."""
        plan = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        act(plan, data, lambda locked: plan_update_draft(plan=locked, by=request.user, **data))
        return self._detail(plan)

    def _transition(
        self,
        request: Request,
        transition: T,
        input_class: type[Serializer],
        run: Callable[..., Any],
    ) -> Response:
        with transition_atomic():
            plan = lock_taken(self.get_object())
            data = transition_input(request, plan, transition, input_class)

            def run_locked(locked: DevelopmentPlan) -> DevelopmentPlan:
                run(plan=locked, by=request.user, **data)
                return locked

            changed = act(plan, data, run_locked, last=True)
        return self._detail_after_transition(changed)

    def _detail_after_transition(self, plan: DevelopmentPlan) -> Response:
        """The detail of the plan the transition locked and changed (its row, call, provider,
        service and decision read with the lock, or written by the transition — the same
        values a read after the commit finds); its opinions and attachments read now, after
        the commit, as the detail reads them."""
        prefetch_related_objects([plan], *DETAIL_RELATIONS)
        return self._respond(plan)

    @extend_schema(request=VersionedInput, responses=DETAIL)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        """Submit the draft within the call's window; opinions are requested from each ORP."""
        return self._transition(request, T.SUBMIT, VersionedInput, actions.plan_submit)

    @extend_schema(request=CommentInput, responses=DETAIL)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        """Withdraw the plan before the decision (the provider)."""
        return self._transition(request, T.WITHDRAW, CommentInput, actions.plan_withdraw)

    @extend_schema(request=s.ReturnInput, responses=DETAIL)
    @action(detail=True, methods=["post"], url_path=api_name(T.RETURN_FOR_COMPLETION))
    def return_for_completion(self, request: Request, pk: str) -> Response:
        """Return the plan to its provider, saying what to complete and by when."""
        return self._transition(
            request, T.RETURN_FOR_COMPLETION, s.ReturnInput, actions.plan_return_for_completion
        )

    @extend_schema(request=CommentInput, responses=DETAIL)
    @action(detail=True, methods=["post"])
    def resubmit(self, request: Request, pk: str) -> Response:
        """Send the completed plan back into review (before the completion deadline)."""
        return self._transition(request, T.RESUBMIT, CommentInput, actions.plan_resubmit)

    @extend_schema(request=s.DecideInput, responses=DETAIL)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str) -> Response:
        """Record the region's decision; an inclusion writes the network register."""
        return self._transition(request, T.DECIDE, s.DecideInput, actions.plan_decide)

    @extend_schema(methods=["GET"], responses=s.AttachmentSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": s.AttachmentInput},
        responses={201: s.AttachmentSerializer},
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser], **UNPAGED)
    def attachments(self, request: Request, pk: str) -> Response:
        """The plan's documents; POST attaches one to a draft or returned plan (multipart)."""
        plan = self.get_object()
        if request.method == "GET":
            return Response(s.AttachmentSerializer(plan.attachments.all(), many=True).data)
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.ATTACHMENT_MAX_BYTES + MULTIPART_SLACK:
            raise PayloadTooLarge()
        data = request.data
        raise_if_upload_refused(request)
        serializer = s.AttachmentInput(data=data)
        serializer.is_valid(raise_exception=True)
        attachment = attachment_add(plan=plan, by=request.user, **serializer.validated_data)
        return Response(s.AttachmentSerializer(attachment).data, status=201)

    @extend_schema(
        parameters=[OpenApiParameter("attachment_id", int, OpenApiParameter.PATH)],
        responses={(200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, "The file.")},
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"attachments/(?P<attachment_id>[0-9]+)",
        url_name="attachment-download",
        **UNPAGED,
    )
    def attachment_download(self, request: Request, pk: str, attachment_id: str) -> FileResponse:
        """Download one document of the plan."""
        plan = self.get_object()
        # A file removed after its retention period is gone (backend/retention): 404.
        attachment = get_object_or_404(
            plan.attachments.filter(purged_at__isnull=True), pk=attachment_id
        )
        access_record(
            user=request.user,
            plan_id=plan.pk,
            attachment=attachment,
            filename=attachment.original_name,
            channel=AccessChannel.API,
        )
        return download_response(attachment.file.open("rb"), filename=attachment.original_name)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "kind",
                str,
                enum=EntryKind.values,
                many=True,
                description="Only entries of these kinds (repeat it); `kind=state`: the "
                "transitions alone, as this list was before it merged the timeline.",
            )
        ],
        responses=s.LogEntrySerializer(many=True),
    )
    @action(detail=True, methods=["get"], **UNPAGED)
    def log(self, request: Request, pk: str) -> Response:
        """The plan's timeline, oldest first: state changes of the plan and its opinions,
        changes of their data, deadline changes and documents (all append-only)."""
        kinds = request.query_params.getlist("kind")
        unknown = sorted(set(kinds) - set(EntryKind.values))
        if unknown:
            raise ValidationError(
                {"kind": [_("Unknown kind: %(kinds)s.") % {"kinds": ", ".join(unknown)}]}
            )
        plan = self.get_object()
        entries = plan_timeline(plan=plan, user=request.user)
        if kinds:
            entries = [entry for entry in entries if entry.kind in kinds]
        return Response(s.LogEntrySerializer(entries, many=True).data)
