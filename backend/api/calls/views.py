"""Calls: every signed-in user reads them; the region's officers announce them, change
their deadlines before opening, and open, close and finish them."""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from backend.api.calls import serializers
from backend.api.support import transition_input
from backend.calls.models import Call, NetworkPeriod
from backend.calls.selectors import call_list_visible, call_outside_region
from backend.calls.services import call_create, call_update
from backend.machines.call_lifecycle.transitions import CallTransition as T
from workflows.call_lifecycle.actions import call_close, call_finish, call_open

# The transitions an officer runs by an action of the API (its name is the transition's).
MANUAL_TRANSITIONS = (T.OPEN, T.CLOSE, T.FINISH)


class NetworkPeriodViewSet(viewsets.ReadOnlyModelViewSet):
    """Planning periods of the basic network (public)."""

    queryset = NetworkPeriod.objects.all()
    serializer_class = serializers.NetworkPeriodSerializer
    permission_classes = [AllowAny]


class CallViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    filterset_fields = ["state", "period"]
    ordering_fields = ["opens_at", "closes_at", "name"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Call]:
        return call_list_visible(user=self.request.user)

    def get_serializer_class(self) -> type:
        if self.action in MANUAL_TRANSITIONS:
            return serializers.CallActionInput
        if self.action == "list":
            return serializers.CallSerializer
        return serializers.CallDetailSerializer

    def _managed_call(self) -> Call:
        """The call to change; another region's call is 404 for its officers."""
        call = self.get_object()
        if call_outside_region(user=self.request.user, call=call):
            raise Http404
        return call

    def _detail(self, call: Call, status: int = 200) -> Response:
        context = self.get_serializer_context()
        return Response(serializers.CallDetailSerializer(call, context=context).data, status=status)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Announce a (planned) call of your region (regional officers)."""
        serializer = serializers.CallSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._detail(call_create(by=request.user, **serializer.validated_data), 201)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change the window and deadlines; only before the call opens."""
        call = self._managed_call()
        serializer = serializers.CallSerializer(call, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        return self._detail(call_update(call=call, by=request.user, **serializer.validated_data))

    def _transition(self, request: Request, transition: T, run: Callable[..., Call]) -> Response:
        call = self._managed_call()
        data = transition_input(request, call, transition, serializers.CallActionInput)
        return self._detail(run(call=call, by=request.user, **data))

    @extend_schema(request=serializers.CallActionInput, responses=serializers.CallDetailSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request: Request, pk: str) -> Response:
        """Open the call for submissions (before its opening time, by hand)."""
        return self._transition(request, T.OPEN, call_open)

    @extend_schema(request=serializers.CallActionInput, responses=serializers.CallDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        """Close the call; later submissions are refused."""
        return self._transition(request, T.CLOSE, call_close)

    @extend_schema(request=serializers.CallActionInput, responses=serializers.CallDetailSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request: Request, pk: str) -> Response:
        """Finish a closed call whose submitted plans are all settled."""
        return self._transition(request, T.FINISH, call_finish)
