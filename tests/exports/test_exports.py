"""Exports: the register as CSV, XLSX and JSON, the plans list as CSV and XLSX, with the
filters of the page, streamed in chunks, with formula injection neutralised."""

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from backend.core.exports import safe_cell
from tests import factories

pytestmark = pytest.mark.django_db


def body(response: Any) -> bytes:
    assert isinstance(response, StreamingHttpResponse), type(response)
    return b"".join(response.streaming_content)


def csv_rows(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))


@pytest.fixture
def register(provider: Any) -> list[Any]:
    """Five entries of the 2018–2020 network; one service's name is a formula."""
    period = factories.NetworkPeriodFactory(start_year=2018, end_year=2020)
    other = factories.NetworkPeriodFactory(start_year=2021, end_year=2023)
    names = ['=HYPERLINK("http://x")', "Chráněné bydlení TULIPAN", "+1", "@SUM(A1)", "-2"]
    entries = [
        factories.NetworkEntryFactory(
            period=period,
            capacity=Decimal(index + 1),
            service=factories.SocialServiceFactory(provider=provider, name=name),
        )
        for index, name in enumerate(names)
    ]
    factories.NetworkEntryFactory(period=other)
    return [period, entries]


def test_formula_cells_are_made_inert() -> None:
    assert [safe_cell(v) for v in ["=1+1", "+1", "-1", "@A", "\tX", "Liberec", 5]] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@A",
        "'\tX",
        "Liberec",
        5,
    ]


def test_the_register_as_csv_with_the_filters(client: Client, register: list[Any]) -> None:
    period, _entries = register
    response = client.get(reverse("network:export", args=["csv"]), {"period": period.pk})
    assert response["Content-Disposition"] == 'attachment; filename="zakladni-sit.csv"'
    rows = csv_rows(response)
    assert rows[0][:5] == ["Entry", "Period", "§", "Type of service", "Service"]
    assert len(rows) == 1 + 5
    services = {row[4] for row in rows[1:]}
    assert services == {
        '\'=HYPERLINK("http://x")',
        "Chráněné bydlení TULIPAN",
        "'+1",
        "'@SUM(A1)",
        "'-2",
    }
    assert {row[1] for row in rows[1:]} == {"2018–2020"}
    assert all(row[7] == "26672472" for row in rows[1:])


def test_the_register_as_xlsx(client: Client, register: list[Any]) -> None:
    period, _entries = register
    response = client.get(reverse("network:export", args=["xlsx"]), {"period": period.pk})
    sheet = load_workbook(io.BytesIO(body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1 + 5
    assert rows[0][9] == "Capacity"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["E"].width == 36
    assert sheet.freeze_panes == "A2"
    assert sorted(row[9] for row in rows[1:]) == [1, 2, 3, 4, 5]
    assert '\'=HYPERLINK("http://x")' in {row[4] for row in rows[1:]}


def test_the_register_as_json(client: Client, register: list[Any]) -> None:
    period, _entries = register
    response = client.get(reverse("network:export", args=["json"]), {"period": period.pk})
    records = json.loads(body(response))
    assert len(records) == 5
    assert {r["capacity"] for r in records} == {1, 2, 3, 4, 5}
    assert {r["period"] for r in records} == {"2018–2020"}


def test_the_export_reads_lazily_and_in_chunks(client: Client, register: list[Any]) -> None:
    calls: list[int | None] = []
    original = QuerySet.iterator

    def spy(self: QuerySet, chunk_size: int | None = None) -> Any:
        calls.append(chunk_size)
        return original(self, chunk_size=chunk_size)

    with (
        mock.patch("backend.network.exports.CHUNK_SIZE", 2),
        mock.patch.object(QuerySet, "iterator", spy),
    ):
        response = client.get(reverse("network:export", args=["csv"]))
        assert calls == []  # nothing read before the response streams
        with CaptureQueriesContext(connection) as queries:
            rows = csv_rows(response)
    assert calls == [2]
    assert len(rows) == 1 + 6
    # 6 entries in chunks of 2: one query per chunk plus one per chunk for the ORPs.
    orp_queries = [q for q in queries.captured_queries if "registry_orp" in q["sql"]]
    assert len(orp_queries) == 3


def test_the_register_page_links_the_exports_with_its_filters(
    client: Client, register: list[Any]
) -> None:
    period, _entries = register
    page = client.get(reverse("network:register"), {"period": period.pk, "page": 1}).content
    assert f'href="{reverse("network:export", args=["xlsx"])}?period={period.pk}"'.encode() in page


def test_the_register_exports_through_the_api(client: Client, register: list[Any]) -> None:
    period, _entries = register
    response = client.get(f"/api/v1/register/export/csv/?period={period.pk}")
    assert len(csv_rows(response)) == 1 + 5
    response = client.get("/api/v1/register/export/json/")
    assert len(json.loads(body(response))) == 6


def test_the_plans_export_keeps_the_filters_and_the_scope(
    client_as: Callable[[str], Client], make_plan: Callable[..., Any]
) -> None:
    waiting = [make_plan("awaiting_opinion") for _ in range(3)]
    make_plan("draft")
    client = client_as("municipal_officer")  # sees the submitted plans only
    rows = csv_rows(
        client.get(reverse("plans:export", args=["csv"]), {"state": "awaiting_opinion"})
    )
    assert rows[0][:3] == ["Plan", "Call", "Provider"]
    assert sorted(int(row[0]) for row in rows[1:]) == sorted(p.pk for p in waiting)
    assert len(csv_rows(client.get(reverse("plans:export", args=["csv"])))) == 1 + 3
    provider = client_as("provider_user")
    assert len(csv_rows(provider.get(reverse("plans:export", args=["csv"])))) == 1 + 4
    assert (
        len(csv_rows(client_as("other_provider_user").get(reverse("plans:export", args=["csv"]))))
        == 1
    )
    sheet = load_workbook(
        io.BytesIO(body(provider.get(reverse("plans:export", args=["xlsx"]), {"sort": "number"})))
    ).active
    ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ids == sorted(ids) and len(ids) == 4
    page = provider.get(reverse("plans:list"), {"state": "draft"}).content
    assert f'href="{reverse("plans:export", args=["csv"])}?state=draft"'.encode() in page


def test_the_plans_export_through_the_api(
    client_as: Callable[[str], Client], make_plan: Callable[..., Any]
) -> None:
    for state in ["awaiting_opinion", "awaiting_opinion", "draft"]:
        make_plan(state)
    client = client_as("provider_user")
    response = client.get("/api/v1/plans/export/csv/?state=awaiting_opinion")
    assert len(csv_rows(response)) == 1 + 2
    assert client_as("anonymous").get("/api/v1/plans/export/csv/").status_code in (401, 403)


@pytest.mark.parametrize("accept", ["*/*", "text/csv", "application/pdf"])
def test_the_api_export_answers_whatever_the_client_accepts(
    client: Client, register: list[Any], accept: str
) -> None:
    response = client.get("/api/v1/register/export/csv/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
