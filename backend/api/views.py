"""The caller: who they are, and their personal API tokens (obtain with a password, list,
create, revoke)."""

from typing import Any

from django.contrib.auth import authenticate
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, viewsets
from rest_framework.decorators import api_view, permission_classes, schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.lockout import cooloff_seconds, lockout_message
from backend.accounts.models import User
from backend.accounts.requests import AuthenticatedRequest
from backend.accounts.selectors import totp_device_get_confirmed
from backend.api import serializers as s
from backend.api.models import ApiToken
from backend.api.selectors import token_list_for_user
from backend.api.services import token_create, token_revoke
from backend.api.throttling import LoginThrottle


class TokenObtainView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [LoginThrottle]

    @extend_schema(request=s.TokenObtainInput, responses={201: s.TokenCreatedSerializer})
    def post(self, request: Request) -> Response:
        """Exchange a username and password for a new personal token (throttled)."""
        serializer = s.TokenObtainInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = authenticate(request, username=data["username"], password=data["password"])
        if getattr(request, "axes_locked_out", False):
            # django-axes: too many failures for this username, or over all usernames, from
            # this address.
            raise exceptions.Throttled(wait=cooloff_seconds(), detail=lockout_message(request))
        if user is None:
            raise exceptions.AuthenticationFailed(_("Wrong username or password."))
        if totp_device_get_confirmed(user=user) is not None:
            # A password alone must not bypass two-factor login: such a user creates tokens
            # from a signed-in session (POST /api/v1/auth/tokens/).
            raise exceptions.AuthenticationFailed(
                _("Your account uses two-factor login: create tokens after logging in.")
            )
        token, key = token_create(user=user, name=data["name"], expires_at=data.get("expires_at"))
        token.key = key  # type: ignore[attr-defined]  # shown once, never stored
        return Response(s.TokenCreatedSerializer(token, context={"request": request}).data, 201)


class TokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Your API tokens; another user's token is 404."""

    serializer_class = s.TokenSerializer
    pagination_class = None
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[ApiToken]:
        return token_list_for_user(user=self.request.user)

    @extend_schema(request=s.TokenCreateInput, responses={201: s.TokenCreatedSerializer})
    def create(self, request: Request) -> Response:
        """A new token for another system (the key is shown only in this response)."""
        serializer = s.TokenCreateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, key = token_create(user=request.user, **serializer.validated_data)
        token.key = key  # type: ignore[attr-defined]  # shown once, never stored
        return Response(s.TokenCreatedSerializer(token, context={"request": request}).data, 201)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Revoke the token at once."""
        token_revoke(token=self.get_object(), by=request.user)
        return Response(status=204)


class MeView(APIView):
    @extend_schema(responses=s.MeSerializer)
    def get(self, request: AuthenticatedRequest) -> Response:
        """You: your account and your roles in organisations."""
        user = User.objects.prefetch_related(
            "memberships__provider", "memberships__municipality", "memberships__region"
        ).get(pk=request.user.pk)
        return Response(s.MeSerializer(user).data)


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
@schema(None)
def not_found(request: Request, *args: Any, **kwargs: Any) -> Response:
    """Any other path under /api/v1/: a JSON 404 like every other refusal."""
    raise exceptions.NotFound()
