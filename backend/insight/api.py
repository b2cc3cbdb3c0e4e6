"""GET /api/v1/insight/sla/: the SLA overview of a call as JSON (the regional office only).

It lives with the planning pages (insight sits above the API layer) and is routed under
/api/v1/ by backend/config/urls.py; the API's authentication, throttles and error bodies
apply as to every other endpoint."""

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.requests import AuthenticatedRequest
from backend.accounts.rules import roles_of
from backend.insight.sla import call_get_default_for_sla, call_list_for_sla, sla_overview


class SlaQuery(serializers.Serializer[Any]):
    call = serializers.IntegerField(required=False, min_value=1)
    as_of = serializers.DateTimeField(
        required=False, help_text="A moment between 1990 and 2100 (default: now)."
    )

    def validate_as_of(self, value: dt.datetime) -> dt.datetime:
        # Before 1891 Prague kept local mean time (+00:57:44), which no ISO 8601 offset writes.
        if not 1990 <= value.year <= 2100:
            raise serializers.ValidationError(_("Choose a moment between 1990 and 2100."))
        return value


class SlaCallSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class SlaStageSerializer(serializers.Serializer[Any]):
    stage = serializers.CharField()
    stage_label = serializers.CharField()
    owner = serializers.CharField(help_text="The officer's id, `unassigned` or `all`.")
    owner_name = serializers.CharField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()


class SlaDurationSerializer(serializers.Serializer[Any]):
    stage = serializers.CharField()
    stage_label = serializers.CharField()
    owner = serializers.CharField(help_text="The officer's id, `unassigned` or `all`.")
    owner_name = serializers.CharField()
    stays = serializers.IntegerField(help_text="Stays in the stage that ended by `as_of`.")
    median = serializers.DecimalField(
        max_digits=7, decimal_places=1, allow_null=True, help_text="Working days."
    )
    p90 = serializers.IntegerField(allow_null=True, help_text="Working days (nearest rank).")


class SlaMunicipalitySerializer(serializers.Serializer[Any]):
    municipality_id = serializers.IntegerField()
    municipality = serializers.CharField()
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    oldest_due = serializers.DateField(allow_null=True)


class SlaOverviewSerializer(serializers.Serializer[Any]):
    call = SlaCallSerializer(allow_null=True)
    as_of = serializers.DateTimeField()
    stages = SlaStageSerializer(many=True)
    durations = SlaDurationSerializer(many=True)
    municipalities = SlaMunicipalitySerializer(many=True)


class SlaOverviewView(APIView):
    @extend_schema(
        operation_id="insight_sla",
        parameters=[
            OpenApiParameter(
                "call",
                OpenApiTypes.INT,
                description="A call of your region (default: its open call, else its latest).",
            ),
            OpenApiParameter(
                "as_of",
                OpenApiTypes.DATETIME,
                description="The instant the figures are for (default: now).",
            ),
        ],
        responses=SlaOverviewSerializer,
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """Open and overdue plans per stage and officer, working days spent per stage and
        opinions open per municipality, of one call of your region, from the state log.
        Regional officers only; a call of another region is 404."""
        region_ids = roles_of(request.user).region_ids
        if not region_ids:
            raise PermissionDenied()
        query = SlaQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        calls = call_list_for_sla(region_ids=region_ids)
        if "call" in query.validated_data:
            call = get_object_or_404(calls, pk=query.validated_data["call"])
        else:
            call = call_get_default_for_sla(region_ids=region_ids)
        overview = sla_overview(call=call, as_of=query.validated_data.get("as_of"))
        return Response(SlaOverviewSerializer(overview).data)
