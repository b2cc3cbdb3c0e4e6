"""Reading a file of the network: XLSX (the first sheet) or CSV as Czech Excel saves it —
semicolons, decimal comma, Windows-1250 or UTF-8 with a BOM.

The encoding is detected, never guessed silently: a BOM says UTF-8; else the file is UTF-8
if all of it decodes as UTF-8, else Windows-1250 if all of it decodes as that; otherwise the
file is refused. The preview names the encoding used.

Rows are read as a stream (the csv module, openpyxl's read-only mode) and handed on in
`tablib.Dataset` chunks, so a file of 50 000 rows is never held whole in memory.
"""

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from backend.imports.columns import ROW

if TYPE_CHECKING:
    import tablib

CHUNK_ROWS = 500
_BLOCK = 1 << 20


class UnreadableFile(ValueError):
    """The file is no XLSX or CSV the import reads; the message says why, in Czech."""


@dataclass
class Table:
    """An opened file: its format, encoding, delimiter and header row."""

    path: Path
    file_format: str  # "xlsx" or "csv"
    headers: list[str]
    encoding: str = ""
    encoding_label: str = ""
    delimiter: str = ""
    header_row: int = 1
    extra: dict[str, Any] = field(default_factory=dict)

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(row number as the spreadsheet shows it, values) for each non-empty row."""
        if self.file_format == "xlsx":
            yield from _xlsx_rows(self.path, self.header_row)
        else:
            yield from _csv_rows(self.path, self.encoding, self.delimiter)

    def count(self) -> int:
        return sum(1 for _ in self.rows())

    def chunks(self, mapping: dict[str, str], size: int = CHUNK_ROWS) -> Iterator["tablib.Dataset"]:
        """The rows as data sets keyed by the import's column keys (with the row number
        in `_row`), `size` rows each; unmapped columns are left out."""
        # Imported here: the web process reads a file's headers with this module, and only
        # the run of a file (in the worker) needs tablib (see `services._process`).
        import tablib

        keys = list(mapping)
        positions = [self.headers.index(mapping[key]) for key in keys]
        dataset = tablib.Dataset(headers=[*keys, ROW])
        for number, values in self.rows():
            dataset.append(
                [_cell(values[pos]) if pos < len(values) else "" for pos in positions] + [number]
            )
            if len(dataset) >= size:
                yield dataset
                dataset = tablib.Dataset(headers=[*keys, ROW])
        if len(dataset):
            yield dataset


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return value


def open_table(path: Path) -> Table:
    """Open the file, detect its format (and a CSV's encoding and delimiter) and read the
    header row."""
    with path.open("rb") as handle:
        head = handle.read(4)
    if head.startswith(b"PK"):
        return _open_xlsx(path)
    return _open_csv(path)


# --- XLSX ----------------------------------------------------------------------------------


def _open_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # a zip that is no workbook
        raise UnreadableFile(
            _("The file is no XLSX workbook: %(error)s") % {"error": error}
        ) from error
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if any(value not in (None, "") for value in values):
                headers = [str(_cell(value)) for value in values]
                return Table(path=path, file_format="xlsx", headers=headers, header_row=number)
    finally:
        workbook.close()
    raise UnreadableFile(_("The file's first sheet is empty."))


def _xlsx_rows(path: Path, header_row: int) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(
            sheet.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1
        ):
            if any(value not in (None, "") for value in values):
                yield number, [_xlsx_value(value) for value in values]
    finally:
        workbook.close()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    return value


# --- CSV -----------------------------------------------------------------------------------

UTF8_BOM = "utf-8-sig"


def detect_encoding(path: Path) -> tuple[str, str]:
    """(codec, what the preview says) of a CSV file; `UnreadableFile` when it is neither
    UTF-8 nor Windows-1250."""
    with path.open("rb") as handle:
        if handle.read(3) == codecs.BOM_UTF8:
            return UTF8_BOM, _("UTF-8 with BOM")
    if _decodes(path, "utf-8"):
        return "utf-8", _("UTF-8 (without BOM)")
    if _decodes(path, "cp1250"):
        return "cp1250", _("Windows-1250")
    raise UnreadableFile(
        _("The file is neither UTF-8 nor Windows-1250 text; save it from Excel as “CSV UTF-8”.")
    )


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    with path.open("rb") as handle:
        try:
            while block := handle.read(_BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _open_csv(path: Path) -> Table:
    encoding, label = detect_encoding(path)
    with _text(path, encoding) as handle:
        first = ""
        for line in handle:
            if line.strip():
                first = line
                break
    if not first:
        raise UnreadableFile(_("The file is empty."))
    # Czech Excel separates by semicolons (the comma is the decimal mark); a header row
    # with more commas than semicolons is a comma-separated file.
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    headers = next(csv.reader([first], delimiter=delimiter))
    return Table(
        path=path,
        file_format="csv",
        headers=[header.strip() for header in headers],
        encoding=encoding,
        encoding_label=label,
        delimiter=delimiter,
    )


def _text(path: Path, encoding: str) -> IO[str]:
    return io.open(path, encoding=encoding, newline="")  # noqa: UP020


def _csv_rows(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, list[Any]]]:
    with _text(path, encoding) as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        header_seen = False
        for number, values in enumerate(reader, start=1):
            if not any(value.strip() for value in values):
                continue
            if not header_seen:
                header_seen = True
                continue
            yield number, values
