"""Demand tables (read: the region's regional and municipal officers; write: as the demand
services allow) and the region's planning schemes and areas (read: the same; write: the
regional office)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.rules import roles_of
from backend.api.demand import serializers as s
from backend.demand.models import DemandTable
from backend.demand.selectors import demand_table_get_for_user, demand_table_list_for_user
from backend.demand.services import (
    EntryInput,
    TableInput,
    demand_table_create,
    demand_table_update,
)
from backend.registry.models import PlanningArea, PlanningScheme, Region
from backend.registry.selectors import (
    planning_area_list_for_user,
    planning_scheme_list_for_user,
)
from backend.registry.services import (
    planning_area_save,
    planning_scheme_create,
    planning_scheme_update,
)


def _pk(value: Any) -> int:
    if not str(value).isdigit():
        raise Http404
    return int(value)


def _table_input(data: dict[str, Any]) -> tuple[TableInput, list[EntryInput] | None]:
    entries = data.get("entries")
    return (
        TableInput(
            title=data["title"],
            valid_from=data["valid_from"],
            valid_to=data.get("valid_to"),
            adopted_on=data.get("adopted_on"),
            stated_by=data.get("stated_by", ""),
            source_reference=data.get("source_reference", ""),
            municipality=data.get("municipality"),
        ),
        None if entries is None else [EntryInput(**entry) for entry in entries],
    )


class DemandTableViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[DemandTable]:
        if getattr(self, "swagger_fake_view", False):
            return DemandTable.objects.none()
        return demand_table_list_for_user(user=self.request.user)

    def get_serializer_class(self) -> type:
        if self.action == "list":
            return s.DemandTableSerializer
        if self.action in ("create", "partial_update", "update"):
            return s.DemandTableInput
        return s.DemandTableDetailSerializer

    def _detail(self, table: DemandTable, status: int = 200) -> Response:
        table = demand_table_get_for_user(user=self.request.user, table_id=table.pk)
        return Response(s.DemandTableDetailSerializer(table).data, status=status)

    def _table(self) -> DemandTable:
        try:
            return demand_table_get_for_user(
                user=self.request.user, table_id=_pk(self.kwargs["pk"])
            )
        except DemandTable.DoesNotExist as error:
            raise Http404 from error

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The demand tables of your region (regional and municipal officers)."""
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=s.DemandTableDetailSerializer)
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A demand table with its entries."""
        return self._detail(self._table())

    @extend_schema(request=s.DemandTableInput, responses={201: s.DemandTableDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record a demand table with its entries: a municipal officer for its own ORP's
        territory, the regional office on behalf of any territory of its region."""
        input_ = s.DemandTableInput(data=request.data)
        input_.is_valid(raise_exception=True)
        data, entries = _table_input(input_.validated_data)
        table = demand_table_create(by=request.user, data=data, entries=entries or [])
        return self._detail(table, status=201)

    @extend_schema(request=s.DemandTableInput, responses=s.DemandTableDetailSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a table; `entries`, when given, replace its lines."""
        table = self._table()
        current = {
            "title": table.title,
            "valid_from": table.valid_from,
            "valid_to": table.valid_to,
            "adopted_on": table.adopted_on,
            "stated_by": table.stated_by,
            "source_reference": table.source_reference,
            "municipality": table.municipality_id,
        }
        body = request.data if isinstance(request.data, dict) else {}
        input_ = s.DemandTableInput(data={**current, **body})
        input_.is_valid(raise_exception=True)
        data, entries = _table_input(
            input_.validated_data
            if "entries" in body
            else {**input_.validated_data, "entries": None}
        )
        return self._detail(
            demand_table_update(table=table, by=request.user, data=data, entries=entries)
        )


class PlanningSchemeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[PlanningScheme]:
        if getattr(self, "swagger_fake_view", False):
            return PlanningScheme.objects.none()
        return planning_scheme_list_for_user(user=self.request.user).order_by("name", "pk")

    def get_serializer_class(self) -> type:
        if self.action in ("create", "partial_update", "update"):
            return s.PlanningSchemeInput
        return s.PlanningSchemeSerializer

    def _detail(self, scheme: PlanningScheme, status: int = 200) -> Response:
        scheme = self.get_queryset().get(pk=scheme.pk)
        return Response(s.PlanningSchemeSerializer(scheme).data, status=status)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The planning schemes of your region with their areas (regional and municipal
        officers)."""
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.PlanningSchemeInput, responses={201: s.PlanningSchemeSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Add a planning scheme of your region (the regional office)."""
        region_ids = roles_of(request.user).region_ids
        if not region_ids:
            raise PermissionDenied
        input_ = s.PlanningSchemeInput(data=request.data)
        input_.is_valid(raise_exception=True)
        region = Region.objects.get(pk=min(region_ids))
        scheme = planning_scheme_create(by=request.user, region=region, **input_.validated_data)
        return self._detail(scheme, status=201)

    @extend_schema(request=s.PlanningSchemeInput, responses=s.PlanningSchemeSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Rename a scheme, change its service types or note (the regional office)."""
        scheme = self.get_object()  # one the user may not see is 404 before the refusal
        if not roles_of(request.user).region_ids:
            raise PermissionDenied
        body = request.data if isinstance(request.data, dict) else {}
        input_ = s.PlanningSchemeInput(data={"name": scheme.name, "note": scheme.note, **body})
        input_.is_valid(raise_exception=True)
        data = dict(input_.validated_data)
        if "service_types" not in body:
            data.pop("service_types", None)
        return self._detail(planning_scheme_update(scheme=scheme, by=request.user, **data))


class PlanningAreaViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[PlanningArea]:
        if getattr(self, "swagger_fake_view", False):
            return PlanningArea.objects.none()
        return (
            planning_area_list_for_user(user=self.request.user)
            .prefetch_related("municipalities")
            .order_by("scheme", "name", "pk")
        )

    def get_serializer_class(self) -> type:
        if self.action in ("create", "partial_update", "update"):
            return s.PlanningAreaInput
        return s.PlanningAreaSerializer

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The planning areas of your region's schemes."""
        return super().list(request, *args, **kwargs)

    def _save(self, area: PlanningArea | None, data: dict[str, Any], status: int) -> Response:
        saved = planning_area_save(by=self.request.user, area=area, **data)
        saved = self.get_queryset().get(pk=saved.pk)
        return Response(s.PlanningAreaSerializer(saved).data, status=status)

    @extend_schema(request=s.PlanningAreaInput, responses={201: s.PlanningAreaSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Add an area to a scheme of your region; a municipality already in another area
        of the scheme is refused (the regional office)."""
        if not roles_of(request.user).region_ids:
            raise PermissionDenied
        input_ = s.PlanningAreaInput(data=request.data)
        input_.is_valid(raise_exception=True)
        scheme = input_.validated_data["scheme"]
        if scheme.region_id not in roles_of(request.user).region_ids:
            raise Http404
        return self._save(None, dict(input_.validated_data), 201)

    @extend_schema(request=s.PlanningAreaInput, responses=s.PlanningAreaSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Rename an area or change its municipalities (the regional office)."""
        area = self.get_object()  # one the user may not see is 404 before the refusal
        if not roles_of(request.user).region_ids:
            raise PermissionDenied
        body = request.data if isinstance(request.data, dict) else {}
        current = {
            "scheme": area.scheme_id,
            "name": area.name,
            "municipalities": list(area.municipalities.values_list("pk", flat=True)),
        }
        input_ = s.PlanningAreaInput(data={**current, **body, "scheme": area.scheme_id})
        input_.is_valid(raise_exception=True)
        return self._save(area, dict(input_.validated_data), 200)
