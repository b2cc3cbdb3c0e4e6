"""Representations of the caller and their API tokens."""

from typing import Any

from rest_framework import serializers

from backend.accounts.models import Membership, Role, User
from backend.api.model_serializers import ModelSerializer
from backend.api.models import ApiToken


class TokenObtainInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, style={"input_type": "password"})
    name = serializers.CharField(max_length=100, required=False, default="API")
    expires_at = serializers.DateTimeField(required=False, allow_null=True)


class TokenCreateInput(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    expires_at = serializers.DateTimeField(required=False, allow_null=True)


class TokenSerializer(ModelSerializer):
    current = serializers.SerializerMethodField(help_text="The token of this request.")

    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "expires_at", "current"]

    def get_current(self, token: ApiToken) -> bool:
        request = self.context.get("request")
        return bool(request and isinstance(request.auth, ApiToken) and request.auth.pk == token.pk)


class TokenCreatedSerializer(TokenSerializer):
    key = serializers.CharField(help_text="Shown only now: keep it secret.")

    class Meta(TokenSerializer.Meta):
        fields = [*TokenSerializer.Meta.fields, "key"]


class MembershipSerializer(ModelSerializer):
    role = serializers.ChoiceField(choices=Role.choices)
    organisation_id = serializers.SerializerMethodField()
    organisation_name = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = ["role", "organisation_id", "organisation_name"]

    def _organisation(self, membership: Membership) -> Any:
        return membership.provider or membership.municipality or membership.region

    def get_organisation_id(self, membership: Membership) -> int:
        return int(self._organisation(membership).pk)

    def get_organisation_name(self, membership: Membership) -> str:
        return str(self._organisation(membership).name)


class MeSerializer(ModelSerializer):
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "language", "memberships"]
