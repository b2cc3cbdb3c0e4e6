"""Long lists are counted exactly up to a cap; above it PostgreSQL estimates (issue 23)."""

from typing import Any

import pytest
from django.core.paginator import EmptyPage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.core import paging
from backend.core.paging import EstimatingPaginator, count_or_estimate
from backend.registry.models import Provider
from tests import factories

pytestmark = pytest.mark.django_db
ROWS = 7


@pytest.fixture
def providers() -> Any:
    factories.ProviderFactory.create_batch(ROWS)
    return Provider.objects.order_by("pk")


@pytest.fixture
def cap_of_three(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "EXACT_COUNT_UP_TO", 3)


def test_a_list_under_the_cap_is_counted_once_and_exactly(providers: Any) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert count_or_estimate(providers) == (ROWS, True)
    assert len(queries) == 1
    # PostgreSQL's count stops at the cap (above it comes the estimate); SQLite has no
    # estimate, so its one count is the whole count.
    assert ("LIMIT" in queries[0]["sql"]) == (connection.vendor == "postgresql")


def test_above_the_cap_a_database_without_an_estimate_counts_once(
    providers: Any, cap_of_three: None
) -> None:
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL estimates: test_above_the_cap_postgresql_estimates")
    with CaptureQueriesContext(connection) as queries:
        assert count_or_estimate(providers) == (ROWS, True)
    assert len(queries) == 1


def test_above_the_cap_sqlite_counts_exactly(providers: Any, cap_of_three: None) -> None:
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL estimates: test_above_the_cap_postgresql_estimates")
    paginator = EstimatingPaginator(providers, 3)
    assert (paginator.count, paginator.count_estimated) == (ROWS, False)
    assert paginator.num_pages == 3
    with pytest.raises(EmptyPage):
        paginator.page(4)


@pytest.mark.postgres
def test_above_the_cap_postgresql_estimates(providers: Any, cap_of_three: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE registry_provider")
    paginator = EstimatingPaginator(providers, 3)
    assert paginator.count_estimated
    assert paginator.count >= 4  # never below what the capped count saw
    pks = list(providers.values_list("pk", flat=True))
    # The pages are exact whatever the estimate: the row past each page tells what follows.
    first, last = paginator.page(1), paginator.page(3)
    assert [p.pk for p in first] == pks[:3] and first.has_next()
    assert [p.pk for p in last] == pks[6:] and not last.has_next()
    with pytest.raises(EmptyPage):
        paginator.page(4)
    assert paginator.get_page(9).number == 3  # past the end: the last page, as Django's
    assert paginator.get_page("x").number == 1


@pytest.mark.postgres
def test_the_planner_prices_random_reads_for_data_in_memory() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
