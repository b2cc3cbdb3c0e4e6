"""A region's network as the officer's spreadsheet has it: one row per service in the
network of a period, with the template's Czech headers."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.imports.columns import COLUMNS
from backend.imports.models import ImportRun
from backend.imports.services import import_upload

HEADERS = [column.header for column in COLUMNS]


def row(**values: Any) -> dict[str, Any]:
    """TULIPAN's sheltered housing in the network 2018–2020 (the real 2017 case)."""
    base = {
        "ico": "26672472",
        "provider_name": "Sdružení TULIPAN, z. s.",
        "legal_form": "z. s.",
        "address": "Sokolská 113/8, 460 01 Liberec",
        "registration_number": "8533092",
        "service_name": "Chráněné bydlení TULIPAN",
        "paragraph": "51",
        "form": "pobytová",
        "unit": "lůžka",
        "target_groups": "OZP, ODO",
        "orps": "5105",
        "municipalities": "",
        "period": "2018–2020",
        "capacity": "15",
        "level": "zařazena",
        "resolution_number": "258/17/ZK",
        "resolution_date": "27. 6. 2017",
    }
    base.update(values)
    return base


def second_row(**values: Any) -> dict[str, Any]:
    """The centre's home for the elderly (§ 49, +2 beds) and counselling, same period."""
    return row(
        **{
            "ico": "65100654",
            "provider_name": "Centrum zdravotní a sociální péče Liberec, p. o.",
            "legal_form": "p. o.",
            "address": "Liberec",
            "registration_number": "2480451",
            "service_name": "Domov pro seniory Vratislavice",
            "paragraph": "49",
            "capacity": "120",
            "target_groups": "S",
            **values,
        }
    )


def csv_bytes(
    rows: list[dict[str, Any]],
    *,
    encoding: str = "cp1250",
    delimiter: str = ";",
    headers: list[str] | None = None,
) -> bytes:
    headers = headers or HEADERS
    lines = [delimiter.join(headers)]
    for values in rows:
        cells = [str(values[column.key]) for column in COLUMNS]
        lines.append(delimiter.join(f'"{cell}"' if delimiter in cell else cell for cell in cells))
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows: list[dict[str, Any]], headers: list[str] | None = None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers or HEADERS)
    for values in rows:
        sheet.append([values[column.key] for column in COLUMNS])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def upload(regional_officer: Any) -> Callable[..., ImportRun]:
    def make(content: bytes, name: str = "sit.csv", **kwargs: Any) -> ImportRun:
        return import_upload(
            by=regional_officer, uploaded=SimpleUploadedFile(name, content), **kwargs
        )

    return make
