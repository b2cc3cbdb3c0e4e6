"""Every paged list ends its order with the primary key, so equal rows keep one place on
every page (backend/core/sorting.py)."""

import pytest
from django.db.models import F

from backend.core.sorting import stably_ordered, with_tie_break
from backend.plans.models import DevelopmentPlan
from backend.registry.models import Municipality


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        (["state"], ["state", "pk"]),
        (["state", "-capacity_requested"], ["state", "-capacity_requested", "-pk"]),
        (["id"], ["id"]),
        (["-pk", "state"], ["-pk", "state"]),
        ([], []),
    ],
)
def test_the_key_comes_last_in_the_last_terms_direction(
    terms: list[str], expected: list[str]
) -> None:
    assert with_tie_break(terms) == expected


def test_an_expression_gives_its_direction() -> None:
    descending = F("assessment_score").desc(nulls_last=True)
    assert with_tie_break([descending]) == [descending, "-pk"]
    ascending = F("assessment_score").asc(nulls_last=True)
    assert with_tie_break([ascending]) == [ascending, "pk"]


@pytest.mark.django_db
def test_a_paged_queryset_ends_with_its_key_whoever_ordered_it() -> None:
    """The model's default order, the view's and the user's sort alike (the paginators
    call `stably_ordered`); this pins what it reads of Django's query."""
    assert stably_ordered(Municipality.objects.all()).query.order_by == ("name", "pk")
    by_capacity = DevelopmentPlan.objects.order_by("-capacity_requested")
    assert stably_ordered(by_capacity).query.order_by == ("-capacity_requested", "-pk")
    by_state = DevelopmentPlan.objects.order_by("state", "id")
    assert stably_ordered(by_state).query.order_by == ("state", "id")


@pytest.mark.django_db
def test_unordered_and_combined_querysets_are_left_alone() -> None:
    unordered = DevelopmentPlan.objects.order_by()
    assert stably_ordered(unordered) is unordered
    ids = DevelopmentPlan.objects.values("id")
    combined = ids.union(ids).order_by("id")
    assert stably_ordered(combined) is combined
