"""The model serializers build their fields once per class; every instance still gets its own."""

from typing import Any

import pytest
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from backend.api.model_serializers import ModelSerializer
from backend.api.plans.serializers import PlanCreateInput, PlanDetailSerializer
from tests import factories


@pytest.fixture
def built_by_drf(monkeypatch: pytest.MonkeyPatch) -> list[type]:
    """The classes whose fields DRF derived from the model, in order (a fresh cache)."""
    monkeypatch.setattr(ModelSerializer, "_built_fields", {})
    built: list[type] = []
    derive = serializers.ModelSerializer.get_fields

    def counting(self: Any) -> dict[str, Any]:
        built.append(type(self))
        return derive(self)

    monkeypatch.setattr(serializers.ModelSerializer, "get_fields", counting)
    return built


def test_the_fields_are_derived_from_the_model_once_per_class(built_by_drf: list[type]) -> None:
    first, second = PlanDetailSerializer(), PlanDetailSerializer()

    assert set(first.fields) == set(second.fields)
    assert built_by_drf.count(PlanDetailSerializer) == 1


def test_each_instance_binds_its_own_fields(built_by_drf: list[type]) -> None:
    first, second = PlanDetailSerializer(), PlanDetailSerializer()

    assert first.fields["state"] is not second.fields["state"]
    assert first.fields["state"].parent is first
    assert second.fields["state"].parent is second


@pytest.mark.django_db
def test_a_narrowed_queryset_stays_with_its_instance(
    built_by_drf: list[type], provider_user: Any, other_provider_user: Any, service: Any
) -> None:
    """The create input offers each provider only its own services: narrowing one instance's
    field must not narrow the next instance's."""
    other_service = factories.SocialServiceFactory(
        provider=other_provider_user.memberships.get().provider
    )
    request = APIRequestFactory().post("/")

    def offered_to(user: Any) -> set[int]:
        request.user = user
        field = PlanCreateInput(context={"request": request}).fields["service"]
        return set(field.queryset.values_list("pk", flat=True))

    assert offered_to(provider_user) == {service.pk}
    assert offered_to(other_provider_user) == {other_service.pk}
    assert offered_to(provider_user) == {service.pk}
    assert built_by_drf.count(PlanCreateInput) == 1
