"""Streaming table exports: CSV, XLSX (openpyxl write-only) and JSON.

Rows come from a generator (querysets read with `.iterator(chunk_size=…)`), so an export of
100 000 rows never holds them all in memory. Text cells that a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return) are prefixed with an apostrophe.
"""

import csv
import datetime as dt
import json
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.http import FileResponse, StreamingHttpResponse

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


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_chunks(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header)  # the BOM lets spreadsheets read UTF-8
    for row in rows:
        yield writer.writerow([safe_cell(_plain(v)) if v is not None else "" for v in row])


def _json_chunks(
    header: Sequence[str], keys: Sequence[str], rows: Iterable[Sequence[Any]]
) -> Iterator[str]:
    yield "["
    for index, row in enumerate(rows):
        record = {key: _plain(value) for key, value in zip(keys, row, strict=True)}
        yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]\n"


def _xlsx_file(header: Sequence[str], widths: Sequence[int], rows: Iterable[Sequence[Any]]) -> Any:
    """A write-only workbook (rows go straight to a temporary file) with a bold, shaded,
    frozen header row and set column widths."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    cells = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="2362A2")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(cell)
    sheet.append(cells)
    for row in rows:
        sheet.append([safe_cell(_naive(v)) for v in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    workbook.save(handle)
    handle.seek(0)
    return handle


def _naive(value: Any) -> Any:
    """Excel has no time zones: datetimes in local time without the zone."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        from django.utils import timezone

        return timezone.localtime(value).replace(tzinfo=None)
    return value


def export_response(
    *,
    fmt: str,
    filename: str,
    columns: Sequence[tuple[str, str, int]],
    rows: Iterable[Sequence[Any]],
) -> StreamingHttpResponse | FileResponse:
    """Stream `rows` as `fmt`; `columns` are (JSON key, header title, XLSX width)."""
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
            _csv_chunks(header, rows), content_type=CONTENT_TYPES["csv"]
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
