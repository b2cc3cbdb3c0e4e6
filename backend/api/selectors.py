"""Reads of API tokens: a user sees only their own."""

from typing import Any

from django.db.models import QuerySet

from backend.api.models import ApiToken


def token_list_for_user(*, user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user_id=user.pk)
