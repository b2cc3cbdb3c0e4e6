"""The network register: public read, no login."""

from typing import Any

from django.db.models import QuerySet
from django.http.response import HttpResponseBase
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from backend.api.exports import CSV_DIALECT_PARAMETER, api_csv_dialect
from backend.api.negotiation import FileDownloadNegotiation
from backend.api.network import filters, serializers
from backend.core.exports import CONTENT_TYPES, export_response
from backend.network.exports import REGISTER_COLUMNS, register_rows
from backend.network.models import NetworkEntry
from backend.network.selectors import entry_list_public, entry_list_public_rows


class NetworkEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """Services in the basic network per period, with capacity, territory and the history
    of every capacity change (on the detail)."""

    permission_classes = [AllowAny]
    filterset_class = filters.NetworkEntryFilter
    ordering_fields = ["capacity", "service__name", "service__provider__name", "updated_at"]

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # The page is read as `values()` rows and represented as NetworkEntrySerializer
        # would represent the entries (backend/api/rows.py); not a docstring: the schema
        # shows those.
        entries = self.filter_queryset(self.get_queryset())
        rows = self.paginate_queryset(entries.values(*serializers.entry_row_paths()))
        assert rows is not None  # the list is always paginated
        return self.get_paginated_response(serializers.entry_rows_represent(rows))

    def get_queryset(self) -> QuerySet[NetworkEntry]:
        if self.action == "list":
            return entry_list_public_rows()
        entries = entry_list_public()
        if self.action == "retrieve":
            entries = entries.prefetch_related("changes")
        return entries

    def get_serializer_class(self) -> type[Serializer]:
        if self.action == "retrieve":
            return serializers.NetworkEntryDetailSerializer
        return serializers.NetworkEntrySerializer

    @extend_schema(
        filters=True,
        parameters=[CSV_DIALECT_PARAMETER],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR),
            (200, CONTENT_TYPES["xlsx"]): OpenApiResponse(OpenApiTypes.BINARY),
            (200, "application/json"): OpenApiResponse(OpenApiTypes.ANY),
        },
    )
    @action(
        detail=False,
        methods=["get"],
        url_path=r"export/(?P<fmt>csv|xlsx|json)",
        content_negotiation_class=FileDownloadNegotiation,
    )
    def export(self, request: Request, fmt: str) -> HttpResponseBase:
        """The register with the same filters as the list (e.g. `?period=1`), streamed as
        CSV, XLSX or JSON open data (not paginated)."""
        entries = self.filter_queryset(entry_list_public())
        return export_response(
            fmt=fmt,
            filename="zakladni-sit",
            columns=REGISTER_COLUMNS,
            rows=register_rows(entries),
            dialect=api_csv_dialect(request),
        )
