"""Streaming table exports: CSV, XLSX (XlsxWriter, constant memory) and JSON.

Rows come from a generator (querysets read with `.iterator(chunk_size=…)`), so an export of
100 000 rows never holds them all in memory. Text cells that a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return) are prefixed with an apostrophe.

CSV comes in two dialects (`CsvDialect`): the Czech Excel one, which the web UI links, and
the machine one, the API's default.
"""

import csv
import datetime as dt
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.core.exceptions import BadRequest, ValidationError
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def safe_cell(value: Any) -> Any:
    """The value, with text that would start a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class CsvDialect(StrEnum):
    """How a CSV export writes its cells.

    - `excel-cs`: what Excel in a Czech locale opens as columns of numbers and dates —
      semicolons, decimal commas, times on the Prague wall clock as `02.12.2026 14:05:00`
      (dates `02.12.2026`), UTF-8 with a BOM. The web UI's CSV.
    - `machine`: commas, decimal points, ISO 8601 times in UTC (`2026-12-02T13:05:00+00:00`),
      UTF-8 with a BOM. The API's default.
    """

    EXCEL_CS = "excel-cs"
    MACHINE = "machine"


class UnknownDialect(ValidationError, BadRequest):
    """A `dialect` the export does not know: 400 both in the API (a validation error in its
    error body) and in the web (Django answers BadRequest with 400)."""


def csv_dialect(value: str | None, *, default: CsvDialect) -> CsvDialect:
    """The dialect a request asks for with `?dialect=`, or `default` when it asks for none."""
    if not value:
        return default
    try:
        return CsvDialect(value)
    except ValueError:
        raise UnknownDialect(
            {
                "dialect": _("Unknown CSV dialect “%(value)s”; use %(choices)s.")
                % {"value": value, "choices": ", ".join(CsvDialect)}
            }
        ) from None


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _excel_cs(value: Any) -> Any:
    """A cell as Czech Excel reads it: a decimal comma, local time, day.month.year."""
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f").replace(".", ",")  # 2.50 → 2,5; 15.00 → 15
    if isinstance(value, dt.datetime):
        return _naive(value).strftime("%d.%m.%Y %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return value


_CSV_FORMATS = {
    CsvDialect.EXCEL_CS: (";", _excel_cs),
    CsvDialect.MACHINE: (",", _plain),
}


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_chunks(
    header: Sequence[str], rows: Iterable[Sequence[Any]], dialect: CsvDialect
) -> Iterator[str]:
    delimiter, cell = _CSV_FORMATS[dialect]
    writer = csv.writer(_Echo(), delimiter=delimiter)
    yield "\ufeff" + writer.writerow(header)  # the BOM lets spreadsheets read UTF-8
    for row in rows:
        # Formulas are made inert before formatting: "-2,5" is a number, not a formula.
        yield writer.writerow([cell(safe_cell(v)) if v is not None else "" for v in row])


def _json_chunks(
    header: Sequence[str], keys: Sequence[str], rows: Iterable[Sequence[Any]]
) -> Iterator[str]:
    yield "["
    for index, row in enumerate(rows):
        record = {key: _plain(value) for key, value in zip(keys, row, strict=True)}
        yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"


def _xlsx_file(header: Sequence[str], widths: Sequence[int], rows: Iterable[Sequence[Any]]) -> Any:
    """A workbook written row by row (XlsxWriter's constant memory mode) to a temporary file,
    with a bold, shaded, frozen header row and set column widths."""
    # XlsxWriter is pure Python: openpyxl would bring lxml and Pillow into the web process.
    import xlsxwriter

    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    workbook = xlsxwriter.Workbook(
        handle,
        {
            "constant_memory": True,
            # Text stays text: no formulas, links or numbers made out of a cell's string.
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    sheet = workbook.add_worksheet("Sheet")
    title = workbook.add_format(
        {
            "bold": True,
            "font_color": "#FFFFFF",
            "bg_color": "#2362A2",
            "pattern": 1,
            "text_wrap": True,
            "valign": "top",
        }
    )
    # The number formats openpyxl gave dates and times, so the files read the same.
    formats = {
        dt.datetime: workbook.add_format({"num_format": "yyyy-mm-dd h:mm:ss"}),
        dt.date: workbook.add_format({"num_format": "yyyy-mm-dd"}),
    }
    for column, width in enumerate(widths):
        # In pixels of the default font's 7-pixel digit: the file then says width="12" for 12,
        # as openpyxl wrote it (set_column would add the cell padding).
        sheet.set_column_pixels(column, column, width * 7)
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, header, title)
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            cell = safe_cell(_naive(value))
            if isinstance(cell, dt.date):
                kind = dt.datetime if isinstance(cell, dt.datetime) else dt.date
                sheet.write_datetime(number, column, cell, formats[kind])
            elif isinstance(cell, Decimal):
                # As openpyxl wrote it: 2.50 as 2.5, 15.00 as the integer 15.
                sheet.write_number(number, column, _plain(cell))
            elif cell is not None:
                sheet.write(number, column, cell)
    workbook.close()
    handle.seek(0)
    return handle


def _naive(value: Any) -> Any:
    """Excel has no time zones: datetimes in local time without the zone."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def export_response(
    *,
    fmt: str,
    filename: str,
    columns: Sequence[tuple[str, str, int]],
    rows: Iterable[Sequence[Any]],
    dialect: CsvDialect,
) -> StreamingHttpResponse | FileResponse:
    """Stream `rows` as `fmt`; `columns` are (JSON key, header title, XLSX width); a CSV is
    written in `dialect`."""
    keys = [key for key, _title, _width in columns]
    header = [str(title) for _key, title, _width in columns]
    response: StreamingHttpResponse | FileResponse
    if fmt == "xlsx":
        widths = [width for _key, _title, width in columns]
        response = FileResponse(
            _xlsx_file(header, widths, rows), content_type=CONTENT_TYPES["xlsx"]
        )
    elif fmt == "json":
        response = StreamingHttpResponse(
            _json_chunks(header, keys, rows), content_type=CONTENT_TYPES["json"]
        )
    else:
        response = StreamingHttpResponse(
            _csv_chunks(header, rows, dialect), content_type=CONTENT_TYPES["csv"]
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
