"""Casework in the API: assign a plan or an opinion (or many plans at once), and the
caller's absences with their substitutes. Each view parses input and calls one service;
a case outside the caller's scope is 404."""

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.absences import absence_end, absence_list_for_user, absence_record
from backend.accounts.models import Absence
from backend.accounts.requests import AuthenticatedRequest
from backend.accounts.rules import roles_of
from backend.api.casework import serializers as s
from backend.casework.services import opinion_assign, plan_assign, plans_assign_bulk
from backend.plans.selectors import opinion_list_visible_for_user, plan_list_for_user


class PlanAssignView(APIView):
    @extend_schema(request=s.AssignInput, responses=s.AssignedSerializer)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Make an officer of the regional office the plan's owner (your own id claims it),
        or nobody. Regional officers only."""
        plan = get_object_or_404(
            plan_list_for_user(user=request.user).select_related("call"), pk=pk
        )
        if not request.user.has_perm("plans.assign_plan", plan):
            raise PermissionDenied()
        data = s.AssignInput(data=request.data)
        data.is_valid(raise_exception=True)
        plan = plan_assign(plan=plan, assignee=data.validated_data["assignee"], by=request.user)
        return Response(s.AssignedSerializer(plan).data)


class PlanBulkAssignView(APIView):
    @extend_schema(
        operation_id="plans_assign_bulk",
        request=s.BulkAssignInput,
        responses=s.BulkAssignedSerializer,
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Assign many plans to one officer (or nobody) at once: all or none — a draft
        refuses the lot; plans outside your region are skipped (listed in `skipped`)."""
        if not roles_of(request.user).region_ids:
            raise PermissionDenied()
        data = s.BulkAssignInput(data=request.data)
        data.is_valid(raise_exception=True)
        wanted = set(data.validated_data["plans"])
        found = set(
            plan_list_for_user(user=request.user).filter(pk__in=wanted).values_list("pk", flat=True)
        )
        changed = plans_assign_bulk(
            plan_ids=found, assignee=data.validated_data["assignee"], by=request.user
        )
        result = {"changed": changed, "skipped": sorted(wanted - found)}
        return Response(s.BulkAssignedSerializer(result).data)


class OpinionAssignView(APIView):
    @extend_schema(request=s.AssignInput, responses=s.AssignedSerializer)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Make an officer of the municipality the one who prepares the opinion, or nobody.
        The municipality's officers only."""
        opinion = get_object_or_404(opinion_list_visible_for_user(user=request.user), pk=pk)
        if not request.user.has_perm("plans.assign_opinion", opinion):
            raise PermissionDenied()
        data = s.AssignInput(data=request.data)
        data.is_valid(raise_exception=True)
        opinion = opinion_assign(
            opinion=opinion, assignee=data.validated_data["assignee"], by=request.user
        )
        return Response(s.AssignedSerializer(opinion).data)


class AbsenceListView(generics.ListCreateAPIView):
    serializer_class = s.AbsenceSerializer
    pagination_class = None
    filter_backends: list[type] = []

    def get_queryset(self) -> Any:
        return absence_list_for_user(user=self.request.user)

    def _officer(self) -> None:
        roles = roles_of(self.request.user)
        if not (roles.region_ids or roles.officer_municipality_ids):
            raise PermissionDenied()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Your absences and those in which you stand in, not yet over (officers)."""
        self._officer()
        return super().list(request, *args, **kwargs)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record your absence and your substitute (a colleague in your office and role)."""
        self._officer()
        data = s.AbsenceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = request.user
        absence = absence_record(user=user, by=user, **data.validated_data)
        return Response(s.AbsenceSerializer(absence).data, status=status.HTTP_201_CREATED)


class AbsenceEndView(APIView):
    @extend_schema(request=None, responses={204: None})
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """End your absence now (one not yet started is removed)."""
        absence = get_object_or_404(Absence.objects.filter(user_id=request.user.pk), pk=pk)
        absence_end(absence=absence, by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
