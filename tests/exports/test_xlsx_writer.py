"""The XLSX export: cell types and number formats as a spreadsheet reads them, and a web
process that writes one never imports openpyxl, lxml or Pillow (≈ 16 MB of the export's
memory target in bench/)."""

import datetime as dt
import io
import os
from decimal import Decimal

from django.test import override_settings
from openpyxl import load_workbook

from backend.core.exports import CsvDialect, export_response
from tests.helpers import output_of_fresh_django

PROBE = """
import sys, django
django.setup()
from backend.core.exports import CsvDialect, export_response
response = export_response(
    fmt="xlsx", filename="x", columns=[("a", "A", 8)], rows=[["=1+1"], [2]],
    dialect=CsvDialect.MACHINE,
)
assert b"".join(response.streaming_content).startswith(b"PK")
print(",".join(sorted(name for name in ("openpyxl", "lxml", "PIL") if name in sys.modules)))
"""


def test_writing_an_xlsx_export_leaves_openpyxl_lxml_and_pillow_unimported() -> None:
    # A bare environment: as a deployment with nothing configured but the settings module.
    assert output_of_fresh_django(PROBE, unset=tuple(os.environ), PATH="/usr/bin:/bin") == ""


@override_settings(TIME_ZONE="Europe/Prague")
def test_cells_keep_their_types_and_formats() -> None:
    aware = dt.datetime(2026, 12, 2, 13, 5, 7, tzinfo=dt.UTC)
    row = [
        dt.date(2026, 12, 2),
        aware,
        Decimal("2.50"),
        Decimal("15.00"),
        True,
        None,
        "=SUM(A1)",
        "http://example.cz",
        "007",
        -1.5,
    ]
    columns = [(f"c{index}", f"C{index}", 10 + index) for index in range(len(row))]
    response = export_response(
        fmt="xlsx", filename="x", columns=columns, rows=[row], dialect=CsvDialect.MACHINE
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, cells = sheet[1], sheet[2]
    assert [cell.value for cell in header] == [title for _key, title, _width in columns]
    assert header[0].font.bold and header[0].font.color.rgb.endswith("FFFFFF")
    assert header[0].fill.fill_type == "solid" and header[0].fill.fgColor.rgb.endswith("2362A2")
    assert header[0].alignment.wrap_text and header[0].alignment.vertical == "top"
    assert sheet.freeze_panes == "A2" and sheet.title == "Sheet"
    assert [sheet.column_dimensions[c].width for c in "ABJ"] == [10, 11, 19]
    assert [cell.value for cell in cells] == [
        # Excel has no zones: openpyxl reads naive times, here the Prague wall clock.
        dt.datetime(2026, 12, 2),  # noqa: DTZ001
        dt.datetime(2026, 12, 2, 14, 5, 7),  # noqa: DTZ001
        2.5,
        15,
        True,
        None,
        "'=SUM(A1)",
        "http://example.cz",
        "007",
        -1.5,
    ]
    assert [cell.number_format for cell in cells[:2]] == ["yyyy-mm-dd", "yyyy-mm-dd h:mm:ss"]
    assert [cell.data_type for cell in cells] == ["d", "d", "n", "n", "b", "n", "s", "s", "s", "n"]
    assert not sheet.cell(2, 8).hyperlink
