"""The lists represented from `values()` rows (backend/api/rows.py) answer exactly what their
serializers answer for the same objects, in every ordering, and read a page in a number of
queries that does not grow with it."""

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from backend.api.network.serializers import NetworkEntrySerializer
from backend.api.plans.serializers import PlanSerializer
from backend.api.rows import RowFormat
from backend.network.choices import NetworkLevel
from backend.network.selectors import entry_list_public
from backend.plans.models import DevelopmentPlan
from backend.plans.selectors import plan_list_for_user, plan_relation_keys_set
from backend.registry.models import ActivityCard, Municipality
from tests import factories

pytestmark = pytest.mark.django_db
ORDERINGS = ["", "id", "-submitted_at", "state", "-capacity_requested", "score", "-score"]


@pytest.fixture
def varied_plans(plan_in: Any, liberec_orp: Any, tanvald_orp: Any, regional_officer: Any) -> None:
    """Plans with and without the optional values, relations and decimals."""
    cards = list(ActivityCard.objects.order_by("code")[:3])
    towns = list(Municipality.objects.order_by("name")[:3])
    for index, state in enumerate(["draft", "awaiting_opinion", "returned", "included"] * 3):
        plan = plan_in(
            state,
            capacity_requested=Decimal("12.50") if index % 2 else None,
            amount_requested=Decimal("1234567.8") if index % 3 else None,
            planned_start=dt.date(2031, 1, 1 + index) if index % 2 else None,
        )
        plan.orps.set([liberec_orp, tanvald_orp][: index % 3])
        plan.municipalities.set(towns[: index % 4])
        plan.activity_cards.set(cards[: (index + 1) % 4])
        if index % 4 == 0:
            plan.assignee = regional_officer
            plan.save(update_fields=["assignee"])


def _rendered(data: Any) -> bytes:
    return JSONRenderer().render(data)


def _page(client: Any, url: str, ordering: str, language: str) -> list[dict[str, Any]]:
    """A whole list's rows (page size 100) in `ordering`, answered in `language`."""
    response = client.get(
        url, {"ordering": ordering, "page_size": 100}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    return list(response.json()["results"])


@pytest.mark.parametrize("ordering", ORDERINGS)
@pytest.mark.parametrize("language", ["cs", "en"])
def test_the_plans_page_is_the_serializers_output(
    varied_plans: None, as_role: Any, regional_officer: Any, ordering: str, language: str
) -> None:
    results = _page(as_role("regional_officer"), "/api/v1/plans/", ordering, language)
    assert len(results) == 12
    with translation.override(language):
        plans = plan_list_for_user(user=regional_officer).in_bulk([row["id"] for row in results])
        ordered = plan_relation_keys_set([plans[row["id"]] for row in results])
        expected = PlanSerializer(ordered, many=True).data
    assert _rendered(results) == _rendered(expected)
    assert json.loads(_rendered(expected)) == results


def _queries_per_page_size(
    client: Any, url: str, sizes: tuple[int, ...], params: dict[str, str]
) -> list[int]:
    """The queries of a full page of each size, after a first request (content types and
    the like are read once per process)."""
    client.get(url, {"page_size": 1})
    counts = []
    for size in sizes:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"page_size": size, **params})
        assert len(response.json()["results"]) == size
        counts.append(len(captured))
    return counts


def test_the_plans_page_reads_the_same_queries_for_any_page_size(
    varied_plans: None, as_role: Any
) -> None:
    counts = _queries_per_page_size(
        as_role("regional_officer"), "/api/v1/plans/", (2, 12), {"ordering": "score"}
    )
    assert counts[0] == counts[1]


def test_a_field_that_is_no_column_is_refused() -> None:
    class Odd(serializers.ModelSerializer):
        label = serializers.SerializerMethodField()

        class Meta:
            model = DevelopmentPlan
            fields = ["id", "label"]

        def get_label(self, plan: Any) -> str:
            return "x"

    with pytest.raises(TypeError, match="label"):
        RowFormat(Odd).paths  # noqa: B018  # building the format checks every field


REGISTER_ORDERINGS = ["", "capacity", "-capacity", "service__name", "-service__provider__name"]


@pytest.fixture
def varied_entries() -> None:
    """Register entries of two periods, at several levels, with one to three ORPs, with and
    without a remedy date, a resolution and a predecessor."""
    earlier = factories.NetworkPeriodFactory(start_year=2023, end_year=2025)
    later = factories.NetworkPeriodFactory(start_year=2026, end_year=2028)
    orps = [factories.orp(code) for code in ("5105", "5110", "5101")]
    for index, level in enumerate([NetworkLevel.INCLUDED, NetworkLevel.RESERVATION_Z1V] * 4):
        before = factories.NetworkEntryFactory(period=earlier, orps=orps[: 1 + index % 3])
        factories.NetworkEntryFactory(
            service=before.service,
            period=later,
            level=level,
            capacity=Decimal("12.50") if index % 2 else Decimal(3 + index),
            remedy_due=dt.date(2027, 1, 1 + index) if level != NetworkLevel.INCLUDED else None,
            resolution_number=f"{index}/26/RK" if index % 3 else "",
            resolution_date=dt.date(2026, 5, 1 + index) if index % 3 else None,
            predecessor=before if index % 2 else None,
            orps=orps[index % 3 :],
        )


@pytest.mark.parametrize("ordering", REGISTER_ORDERINGS)
@pytest.mark.parametrize("language", ["cs", "en"])
def test_the_register_page_is_the_serializers_output(
    varied_entries: None, client: Any, ordering: str, language: str
) -> None:
    results = _page(client, "/api/v1/register/", ordering, language)
    assert len(results) == 16
    with translation.override(language):
        entries = entry_list_public().in_bulk([row["id"] for row in results])
        expected = NetworkEntrySerializer([entries[row["id"]] for row in results], many=True).data
    assert _rendered(results) == _rendered(expected)


def test_the_register_page_reads_the_same_queries_for_any_page_size(
    varied_entries: None, client: Any
) -> None:
    counts = _queries_per_page_size(client, "/api/v1/register/", (2, 10), {"orp": "5110"})
    assert counts[0] == counts[1]
