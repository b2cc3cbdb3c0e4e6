"""Serializer fields shared by the API's apps."""

from typing import Any

from django.core.validators import ProhibitNullCharactersValidator
from rest_framework import serializers


class CodeRelatedField(serializers.SlugRelatedField):
    """A related object named by its code (`"5105"`, `"A01-01"`, `"51"`).

    A code with a NUL character is refused before the look-up: PostgreSQL text cannot hold
    one, so the query itself would fail (a 500 the fuzzer found as a provider)."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str) and "\x00" in data:
            raise serializers.ValidationError(ProhibitNullCharactersValidator.message)
        return super().to_internal_value(data)
