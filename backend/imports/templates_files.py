"""The downloadable templates: an XLSX with the Czech header row and a second sheet that
explains each column, and the CSV equivalent as Czech Excel saves it (semicolons, UTF-8
with a BOM). Both carry one example row: TULIPAN's sheltered housing of the 2017 case."""

import io

from django.utils import translation
from django.utils.translation import gettext as _

from backend.imports.columns import COLUMNS


def template_csv() -> bytes:
    header = ";".join(column.header for column in COLUMNS)
    example = ";".join(
        f'"{column.example}"' if ";" in column.example else column.example for column in COLUMNS
    )
    return ("\ufeff" + header + "\r\n" + example + "\r\n").encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    with translation.override("cs"):
        sheet.title = _("Network")
        sheet.append([column.header for column in COLUMNS])
        sheet.append([column.example for column in COLUMNS])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, column in enumerate(COLUMNS, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = max(12, len(column.example) + 2)
        sheet.freeze_panes = "A2"
        help_sheet = workbook.create_sheet(_("Columns"))
        help_sheet.append([_("Column"), _("Required"), _("What it holds"), _("Example")])
        for cell in help_sheet[1]:
            cell.font = Font(bold=True)
        for column in COLUMNS:
            help_sheet.append(
                [column.header, _("yes") if column.required else _("no"), str(column.help),
                 column.example]
            )  # fmt: skip
        help_sheet.column_dimensions["A"].width = 22
        help_sheet.column_dimensions["C"].width = 90
        help_sheet.column_dimensions["D"].width = 30
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
