"""Every user-chosen sort ends with the primary key, so equal rows keep one place on every
page (backend/core/sorting.py)."""

import pytest
from django.db.models import F

from backend.core.sorting import with_tie_break


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
