"""The assessment: a plan's scores (GET as the caller may see them, POST the caller's own),
a call's criteria (read by anyone signed in, set by the call's regional office) and the
region's reference values (the regional office). A plan or call outside the caller's
scope is 404; a role that may see the plan but not its scores gets 403."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status as http
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.rules import roles_of
from backend.api.assessment import serializers as s
from backend.assessment.models import Criterion, ReferenceValue
from backend.assessment.rules import is_plan_office, may_assess
from backend.assessment.selectors import (
    criterion_list,
    plan_assessment_for_user,
    plan_cost_comparison,
    reference_value_list_for_user,
)
from backend.assessment.services import (
    assessment_submit,
    criterion_create,
    criterion_delete,
    criterion_update,
    reference_value_set,
)
from backend.calls.models import Call
from backend.calls.selectors import call_list_for_user, call_list_visible
from backend.plans.models import DevelopmentPlan
from backend.plans.selectors import plan_list_for_user
from backend.registry.models import Region

PLAN_ID = OpenApiParameter("plan_id", int, OpenApiParameter.PATH, description="The plan's id.")
CALL_ID = OpenApiParameter("call_id", int, OpenApiParameter.PATH, description="The call's id.")


def _require_regional_office(request: Request) -> None:
    """For the office only: 403 for everyone else, before anything is looked up."""
    if not roles_of(request.user).region_ids:
        raise PermissionDenied


class PlanAssessmentViewSet(viewsets.ViewSet):
    """A plan's assessment."""

    def _plan(self, request: Request, plan_id: int) -> DevelopmentPlan:
        plans = plan_list_for_user(user=request.user).select_related("call__period")
        return get_object_or_404(plans, pk=plan_id)

    def _answer(self, request: Request, plan: DevelopmentPlan, status: int = 200) -> Response:
        view = plan_assessment_for_user(plan=plan, user=request.user)
        if view is None:
            raise PermissionDenied
        office = is_plan_office(request.user, plan)
        context = {
            "names_shown": view.names_shown,
            "cost": plan_cost_comparison(plan=plan) if office else None,
        }
        return Response(s.PlanAssessmentSerializer(view, context=context).data, status=status)

    @extend_schema(parameters=[PLAN_ID], responses=s.PlanAssessmentSerializer)
    def retrieve(self, request: Request, plan_id: int) -> Response:
        """The plan's scores and reasons as you may see them: the regional office (an
        assessor sees a colleague's scores once every assessment is in), the provider once
        the plan is decided (without names); anyone else 403."""
        return self._answer(request, self._plan(request, plan_id))

    @extend_schema(
        parameters=[PLAN_ID],
        request=s.AssessmentInput,
        responses={200: s.PlanAssessmentSerializer},
    )
    def submit(self, request: Request, plan_id: int) -> Response:
        """Submit or change your assessment (a regional officer of the plan's region, while
        the plan is under review): every criterion scored within its scale, with a reason.
        A call asking for two assessors takes two different officers."""
        plan = self._plan(request, plan_id)
        if not may_assess(request.user, plan):
            raise PermissionDenied
        serializer = s.AssessmentInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        scores = {
            row["criterion"]: (row["points"], row["reason"])
            for row in serializer.validated_data["scores"]
        }
        assessment_submit(plan=plan, by=request.user, scores=scores)
        return self._answer(request, plan)


class CriterionViewSet(viewsets.ViewSet):
    """A call's assessment criteria."""

    def _visible_call(self, request: Request, call_id: int) -> Call:
        return get_object_or_404(call_list_visible(user=request.user), pk=call_id)

    def _managed_call(self, request: Request, call_id: int) -> Call:
        _require_regional_office(request)
        return get_object_or_404(call_list_for_user(user=request.user), pk=call_id)

    def _criterion(self, request: Request, pk: int) -> Criterion:
        _require_regional_office(request)
        criteria = Criterion.objects.select_related("call").filter(
            call__region_id__in=roles_of(request.user).region_ids
        )
        return get_object_or_404(criteria, pk=pk)

    @extend_schema(parameters=[CALL_ID], responses=s.CriterionSerializer(many=True))
    def list(self, request: Request, call_id: int) -> Response:
        """The call's criteria in their order (calls are public announcements)."""
        call = self._visible_call(request, call_id)
        return Response(s.CriterionSerializer(criterion_list(call=call), many=True).data)

    @extend_schema(
        parameters=[CALL_ID], request=s.CriterionInput, responses={201: s.CriterionSerializer}
    )
    def create(self, request: Request, call_id: int) -> Response:
        """Add a criterion (the call's regional office, before any plan is scored: 409
        after)."""
        call = self._managed_call(request, call_id)
        serializer = s.CriterionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        criterion = criterion_create(call=call, by=request.user, **serializer.validated_data)
        return Response(s.CriterionSerializer(criterion).data, status=http.HTTP_201_CREATED)

    @extend_schema(request=s.CriterionInput, responses=s.CriterionSerializer)
    def partial_update(self, request: Request, pk: int) -> Response:
        """Change a criterion (before any plan of its call is scored: 409 after)."""
        criterion = self._criterion(request, pk)
        serializer = s.CriterionInput(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        criterion = criterion_update(
            criterion=criterion, by=request.user, **serializer.validated_data
        )
        return Response(s.CriterionSerializer(criterion).data)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: int) -> Response:
        """Remove a criterion (before any plan of its call is scored: 409 after)."""
        criterion_delete(criterion=self._criterion(request, pk), by=request.user)
        return Response(status=http.HTTP_204_NO_CONTENT)


class ReferenceValueViewSet(viewsets.ViewSet):
    """The region's reference values (CZK per unit of capacity and year)."""

    def _values(self, request: Request) -> QuerySet[ReferenceValue]:
        _require_regional_office(request)
        return reference_value_list_for_user(user=request.user)

    def _region(self, request: Request) -> Region:
        return Region.objects.filter(pk__in=roles_of(request.user).region_ids).order_by("pk")[0]

    @extend_schema(responses=s.ReferenceValueSerializer(many=True))
    def list(self, request: Request) -> Response:
        """Your region's reference values (the regional office)."""
        return Response(s.ReferenceValueSerializer(self._values(request), many=True).data)

    @extend_schema(request=s.ReferenceValueInput, responses={201: s.ReferenceValueSerializer})
    def create(self, request: Request) -> Response:
        """Add a value, or replace the one of the same § type, unit and year."""
        self._values(request)
        serializer = s.ReferenceValueInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        value = reference_value_set(
            region=self._region(request), by=request.user, **serializer.validated_data
        )
        return Response(s.ReferenceValueSerializer(value).data, status=http.HTTP_201_CREATED)

    @extend_schema(request=s.ReferenceValueInput, responses=s.ReferenceValueSerializer)
    def partial_update(self, request: Request, pk: int) -> Response:
        """Change a value of your region."""
        value = get_object_or_404(self._values(request), pk=pk)
        current: dict[str, Any] = {
            "service_type": value.service_type,
            "unit": value.unit,
            "valid_from_year": value.valid_from_year,
            "amount": value.amount,
            "note": value.note,
        }
        serializer = s.ReferenceValueInput(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        value = reference_value_set(
            region=value.region,
            by=request.user,
            reference_value=value,
            **{**current, **serializer.validated_data},
        )
        return Response(s.ReferenceValueSerializer(value).data)
