"""Exports: the register as CSV, XLSX and JSON, the plans list as CSV and XLSX, with the
filters of the page, streamed in chunks, with formula injection neutralised. The web UI's
CSV is for Czech Excel (semicolons, decimal commas, Prague time, a BOM); the API's is the
machine dialect (commas, decimal points, ISO times in UTC) unless asked otherwise."""

import csv
import datetime as dt
import io
import json
import re
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
from backend.network.exports import REGISTER_COLUMNS
from backend.plans.exports import PLAN_COLUMNS
from tests import factories

pytestmark = pytest.mark.django_db


def body(response: Any) -> bytes:
    assert isinstance(response, StreamingHttpResponse), type(response)
    return b"".join(response.streaming_content)


def csv_rows(response: Any, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=delimiter))


def excel_rows(response: Any) -> list[list[str]]:
    """The rows of a CSV in the Czech Excel dialect."""
    return csv_rows(response, delimiter=";")


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
    rows = excel_rows(response)
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
            rows = excel_rows(response)
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
    rows = excel_rows(
        client.get(reverse("plans:export", args=["csv"]), {"state": "awaiting_opinion"})
    )
    assert rows[0][:3] == ["Plan", "Call", "Provider"]
    assert sorted(int(row[0]) for row in rows[1:]) == sorted(p.pk for p in waiting)
    assert len(excel_rows(client.get(reverse("plans:export", args=["csv"])))) == 1 + 3
    provider = client_as("provider_user")
    assert len(excel_rows(provider.get(reverse("plans:export", args=["csv"])))) == 1 + 4
    other = client_as("other_provider_user")
    assert len(excel_rows(other.get(reverse("plans:export", args=["csv"])))) == 1
    sheet = load_workbook(
        io.BytesIO(body(provider.get(reverse("plans:export", args=["xlsx"]), {"sort": "number"})))
    ).active
    ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ids == sorted(ids) and len(ids) == 4
    page = provider.get(reverse("plans:list"), {"state": "draft"}).content
    csv_link = f'href="{reverse("plans:export", args=["csv"])}?state=draft&amp;dialect=excel-cs"'
    assert csv_link.encode() in page


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


# 13:05 UTC on 2 Dec 2026 is 14:05 in Prague (CET).
INSTANT = dt.datetime(2026, 12, 2, 13, 5, tzinfo=dt.UTC)


@pytest.fixture
def czech_register(provider: Any) -> Any:
    """An entry with a decimal capacity, a name with a semicolon and a known update time."""
    period = factories.NetworkPeriodFactory(start_year=2018, end_year=2020)
    entry = factories.NetworkEntryFactory(
        period=period,
        capacity=Decimal("11.50"),
        service=factories.SocialServiceFactory(
            provider=provider, name='Sociální rehabilitace; terén "Jizerky"'
        ),
    )
    type(entry).objects.filter(pk=entry.pk).update(updated_at=INSTANT)  # auto_now otherwise
    return period


def _by_key(columns: list[tuple[str, Any, int]], row: list[str]) -> dict[str, str]:
    """A row's cells by the columns' keys (the headers are in the request's language)."""
    return dict(zip([key for key, _title, _width in columns], row, strict=True))


def _link(page: bytes, label: str) -> str:
    """The href of the export link with `label` on a page."""
    found = re.search(rf'href="([^"]+)" download>{label}</a>', page.decode())
    assert found, f"no {label} link"
    return found.group(1).replace("&amp;", "&")


def test_the_web_csv_is_for_czech_excel(client: Client, czech_register: Any) -> None:
    page = client.get(reverse("network:register"), {"period": czech_register.pk}).content
    response = client.get(_link(page, "CSV"))
    raw = body(response).decode("utf-8")
    assert raw.startswith("\ufeffEntry;Period;§;")  # the BOM, then semicolons
    _header, row = excel_rows(client.get(_link(page, "CSV")))
    cells = _by_key(REGISTER_COLUMNS, row)  # as many cells as columns
    assert cells["capacity"] == "11,5"  # decimal comma
    assert cells["updated_at"] == "02.12.2026 14:05:00"  # Prague wall clock, Excel's form
    assert cells["period"] == "2018–2020"
    # The semicolon (and the quotes) inside a value are quoted, not a column break.
    assert cells["service"] == 'Sociální rehabilitace; terén "Jizerky"'
    assert '"Sociální rehabilitace; terén ""Jizerky"""' in raw


def test_the_web_plans_csv_is_for_czech_excel(
    client_as: Callable[[str], Client], make_plan: Callable[..., Any]
) -> None:
    plan = make_plan("awaiting_opinion")
    type(plan).objects.filter(pk=plan.pk).update(
        capacity_requested=Decimal("3.5"), submitted_at=INSTANT
    )
    client = client_as("provider_user")
    page = client.get(reverse("plans:list")).content
    _header, row = excel_rows(client.get(_link(page, "CSV")))
    cells = _by_key(PLAN_COLUMNS, row)
    assert cells["capacity_requested"] == "3,5"
    assert cells["submitted_at"] == "02.12.2026 14:05:00"


def test_the_api_csv_keeps_the_machine_dialect(client: Client, czech_register: Any) -> None:
    response = client.get(f"/api/v1/register/export/csv/?period={czech_register.pk}")
    raw = body(response).decode("utf-8-sig")
    assert re.match(r"\w+,\w+,§,", raw)  # commas
    _header, row = csv_rows(client.get(f"/api/v1/register/export/csv/?period={czech_register.pk}"))
    cells = _by_key(REGISTER_COLUMNS, row)
    assert cells["capacity"] == "11.5"
    assert cells["updated_at"] == "2026-12-02T13:05:00+00:00"  # ISO 8601 in UTC
    assert cells["service"] == 'Sociální rehabilitace; terén "Jizerky"'
    # The web export gives the machine dialect too when asked, the API Czech Excel's.
    machine = client.get(reverse("network:export", args=["csv"]), {"dialect": "machine"})
    assert csv_rows(machine)[1] == row
    excel = client.get("/api/v1/register/export/csv/", {"dialect": "excel-cs"})
    assert excel_rows(excel)[1][9] == "11,5"


def test_the_api_plans_csv_keeps_the_machine_dialect(
    client_as: Callable[[str], Client], make_plan: Callable[..., Any]
) -> None:
    plan = make_plan("awaiting_opinion")
    type(plan).objects.filter(pk=plan.pk).update(
        capacity_requested=Decimal("3.5"), submitted_at=INSTANT
    )
    _header, row = csv_rows(client_as("provider_user").get("/api/v1/plans/export/csv/"))
    cells = _by_key(PLAN_COLUMNS, row)
    assert cells["capacity_requested"] == "3.5"
    assert cells["submitted_at"] == "2026-12-02T13:05:00+00:00"


def test_an_unknown_dialect_is_refused(client: Client, czech_register: Any) -> None:
    api = client.get("/api/v1/register/export/csv/", {"dialect": "excel"})
    assert api.status_code == 400
    assert "dialect" in api.json()["errors"]
    web = client.get(reverse("network:export", args=["csv"]), {"dialect": "excel"})
    assert web.status_code == 400


def _rows_from_instances(plans: Any) -> list[list[Any]]:
    """The plans export's rows as the model instances show them (the pre-issue-23 reading)."""
    return [
        [
            plan.pk,
            plan.call.name,
            plan.provider.name,
            plan.provider.ico,
            plan.service.name,
            plan.service.service_type.paragraph,
            plan.get_kind_display(),
            plan.get_state_display(),
            plan.capacity_current,
            plan.capacity_requested,
            plan.get_capacity_unit_display(),
            ", ".join(orp.name for orp in plan.orps.all()),
            plan.submitted_at,
            plan.decided_at,
        ]
        for plan in plans
    ]


def test_the_plans_rows_are_plain_values_read_in_chunks(make_plan: Callable[..., Any]) -> None:
    """Issue 23: tuples instead of model instances, the territory once per chunk; the rows
    are what the instances show, in the queryset's order."""
    from backend.plans import exports
    from backend.plans.models import DevelopmentPlan
    from backend.registry.models import Orp

    first, second = Orp.objects.order_by("code")[:2]
    plans = [make_plan(state) for state in ["draft", "awaiting_opinion", "included"] * 2]
    plans[0].orps.set([second, first])
    plans[3].orps.set([second])
    queryset = DevelopmentPlan.objects.select_related("call").order_by("-pk")
    expected = _rows_from_instances(queryset)
    with (
        mock.patch.object(exports, "CHUNK_SIZE", 2),
        CaptureQueriesContext(connection) as queries,
    ):
        rows = list(exports.plan_rows(queryset))
    assert rows == expected
    assert rows[-1][11] == ", ".join(orp.name for orp in plans[0].orps.all())
    # 6 plans in chunks of 2: the rows read once (one cursor) and the ORPs once per chunk.
    orp_queries = [q for q in queries.captured_queries if "registry_orp" in q["sql"]]
    assert len(orp_queries) == 3
    assert len(queries.captured_queries) <= 1 + 3 + 2  # + a server-side cursor's bookkeeping
