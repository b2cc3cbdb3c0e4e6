"""Reference data (public), providers and services (scoped by `backend.plans.selectors`)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import mixins, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.rules import roles_of
from backend.api.registry import filters, serializers
from backend.plans.selectors import provider_list_for_user, service_list_for_user
from backend.registry.models import (
    ActivityCard,
    Municipality,
    Orp,
    Provider,
    ServiceType,
    SocialService,
    TargetGroup,
)
from backend.registry.services import provider_create, service_create


class ReferenceViewSet(viewsets.ReadOnlyModelViewSet):
    """Public reference data: no login needed."""

    permission_classes = [AllowAny]


class ServiceTypeViewSet(ReferenceViewSet):
    """Service types by § of Act No. 108/2006 Coll., with their forms and capacity unit."""

    queryset = ServiceType.objects.all()
    serializer_class = serializers.ServiceTypeSerializer
    ordering_fields = ["sort_key", "paragraph"]


class OrpViewSet(ReferenceViewSet):
    """Municipalities with extended powers (ORP) of the region; the seat gives opinions."""

    queryset = Orp.objects.all()
    serializer_class = serializers.OrpSerializer
    ordering_fields = ["code", "name"]


class MunicipalityViewSet(ReferenceViewSet):
    queryset = Municipality.objects.select_related("orp")
    serializer_class = serializers.MunicipalitySerializer
    filterset_class = filters.MunicipalityFilter
    ordering_fields = ["name", "code"]


class TargetGroupViewSet(ReferenceViewSet):
    queryset = TargetGroup.objects.all()
    serializer_class = serializers.TargetGroupSerializer


class ActivityCardViewSet(ReferenceViewSet):
    """Development activity cards of the medium-term plan (A01-01 …)."""

    queryset = ActivityCard.objects.prefetch_related("goals", "service_types")
    serializer_class = serializers.ActivityCardSerializer
    ordering_fields = ["code"]


class ProviderViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Providers: your own organisation (provider users), those of the plans you may see
    (municipalities), all (regional office, which also registers new ones)."""

    serializer_class = serializers.ProviderSerializer
    filterset_class = filters.ProviderFilter
    ordering_fields = ["name", "ico"]

    def get_queryset(self) -> QuerySet[Provider]:
        return provider_list_for_user(user=self.request.user)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        provider = provider_create(by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(provider).data, status=201)


class SocialServiceViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Social services: your organisation's (provider users add new ones, e.g. a planned
    service without a registration number), those of visible plans, all (regional office)."""

    serializer_class = serializers.SocialServiceSerializer
    filterset_class = filters.ServiceFilter
    ordering_fields = ["name", "registration_number"]

    def get_queryset(self) -> QuerySet[SocialService]:
        return service_list_for_user(user=self.request.user).prefetch_related(
            "target_groups", "orps"
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        provider = data.pop("provider", None) or _own_provider(request.user)
        service = service_create(by=request.user, provider=provider, **data)
        return Response(self.get_serializer(service).data, status=201)


def _own_provider(user: Any) -> Provider:
    provider_ids = roles_of(user).provider_ids
    if not provider_ids:
        raise PermissionDenied(_("Only provider users add services."))
    return Provider.objects.get(pk=min(provider_ids))
