"""The API's pages say whether their count is exact (backend/api/pagination.py)."""

from typing import Any

import pytest
from django.db import connection

from backend.core import paging
from tests import factories

pytestmark = pytest.mark.django_db
ROWS = 7


@pytest.fixture
def providers() -> None:
    factories.ProviderFactory.create_batch(ROWS)


@pytest.fixture
def cap_of_three(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "EXACT_COUNT_UP_TO", 3)


@pytest.mark.postgres
def test_the_api_says_when_its_count_is_an_estimate(
    providers: Any, cap_of_three: None, client_for: Any, regional_officer: Any
) -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE registry_provider")
    page = client_for(regional_officer).get("/api/v1/providers/?page_size=3&page=3").json()
    assert page["count_exact"] is False
    assert page["next"] is None and len(page["results"]) == ROWS - 6


def test_the_api_count_is_exact_for_a_short_list(providers: Any, api: Any) -> None:
    page = api.get("/api/v1/orps/?page_size=3").json()
    assert page["count_exact"] is True
    assert page["count"] == 10
