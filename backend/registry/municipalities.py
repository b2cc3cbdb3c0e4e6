"""The municipalities of a region from the ČSÚ code lists.

ČSÚ (the Czech Statistical Office) publishes the municipalities as the code list CIS0043
(číselník obcí) and their ORPs as the relation VAZ0043_0065 (vazba obec – obec s rozšířenou
působností). We read the relation: one row per municipality, with its code and name and its
ORP's code and name. The exports come in two layouts, both read here:

- the older one: `;`-separated, an unquoted upper-case header
  (`KODJAZ;TYPVAZ;AKRCIS1;KODCIS1;CHODNOTA1;TEXT1;AKRCIS2;KODCIS2;CHODNOTA2;TEXT2`);
- the newer one: `,`-separated, a quoted lower-case header (`"kodjaz","typvaz",…`);

each in windows-1250 or in UTF-8 (with or without a byte-order mark). Rows of another language
(`KODJAZ` not `CS`) are left out. An optional column `POCET_OBYVATEL` (or `population`), not
part of ČSÚ's relation, sets the population.

A municipality is matched by its ČSÚ code, never by its name: a run creates the codes it has
not seen, updates the ones whose name, ORP or population changed and leaves the rest alone,
so running it again changes nothing. `backend/registry/data/liberec_municipalities.csv` is
the Liberec Region's 215 municipalities in this layout (its README says where they come from).
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from backend.registry.models import Municipality, Orp

LIBEREC_MUNICIPALITIES_FILE = (
    Path(__file__).resolve().parent / "data" / "liberec_municipalities.csv"
)

UTF8_BOM = b"\xef\xbb\xbf"
ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": gettext_lazy("UTF-8 with BOM"),
    "windows-1250": "windows-1250",
}
MUNICIPALITY_LIST, ORP_LIST = "CISOB", "CISORP"
LIST_NUMBERS = {MUNICIPALITY_LIST: "43", ORP_LIST: "65"}
REQUIRED = ("AKRCIS1", "CHODNOTA1", "TEXT1", "AKRCIS2", "CHODNOTA2", "TEXT2")
POPULATION_COLUMNS = ("POCET_OBYVATEL", "POPULATION")
# A CharField's: never None.
NAME_MAX_LENGTH = cast(int, Municipality._meta.get_field("name").max_length)


class MunicipalityFileError(ValueError):
    """A file that is not the ČSÚ relation municipality–ORP, or a row that cannot be used.
    The message is translated (Czech or English, the active language)."""


@dataclass(frozen=True)
class MunicipalityRow:
    line: int
    code: str
    name: str
    orp_code: str
    population: int | None = None


@dataclass(frozen=True)
class MunicipalityFile:
    rows: list[MunicipalityRow]
    encoding: str  # a key of ENCODINGS
    other_languages: int  # rows left out because KODJAZ is not CS

    @property
    def encoding_label(self) -> str:
        return str(ENCODINGS[self.encoding])


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    other_orps: int = 0  # rows of ORPs that are not in the database (--known-orps-only)
    per_orp: Counter[str] = field(default_factory=Counter)
    # (ORP code, municipalities in the database, the ORP's expected count) where they differ
    count_mismatches: list[tuple[str, int, int]] = field(default_factory=list)


def detect_encoding(data: bytes) -> str:
    """UTF-8 with a BOM, UTF-8 without one, else windows-1250 (ČSÚ's two encodings)."""
    if data.startswith(UTF8_BOM):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "windows-1250"
    return "utf-8"


def read_municipality_file(path: Path, *, encoding: str = "auto") -> MunicipalityFile:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise MunicipalityFileError(
            _("Cannot read the file: %(error)s") % {"error": error.strerror}
        ) from error
    return parse_municipality_file(data, encoding=encoding)


def parse_municipality_file(data: bytes, *, encoding: str = "auto") -> MunicipalityFile:
    if encoding == "auto":
        encoding = detect_encoding(data)
    elif encoding == "utf-8" and data.startswith(UTF8_BOM):
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise MunicipalityFileError(
            _("The file is not in %(encoding)s (byte %(position)d).")
            % {"encoding": str(ENCODINGS[encoding]), "position": error.start}
        ) from error
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise MunicipalityFileError(_("The file is empty."))
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip().upper() for name in next(reader)]
    columns = _columns(header)
    rows, other_languages = [], 0
    seen: dict[str, int] = {}  # code: the line it first appeared on
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            raise MunicipalityFileError(
                _("Line %(line)d: %(found)d columns, the header has %(expected)d.")
                % {"line": line, "found": len(values), "expected": len(header)}
            )
        value = {name: values[index].strip() for name, index in columns.items()}
        if value.get("KODJAZ", "CS").upper() not in ("", "CS"):
            other_languages += 1
            continue
        row = _row(line, value)
        if row.code in seen:
            raise MunicipalityFileError(
                _("Line %(line)d: municipality code %(code)s is also on line %(other)d.")
                % {"line": line, "code": row.code, "other": seen[row.code]}
            )
        seen[row.code] = line
        rows.append(row)
    if not rows:
        raise MunicipalityFileError(_("The file has no municipality, only its header."))
    return MunicipalityFile(rows=rows, encoding=encoding, other_languages=other_languages)


def _columns(header: list[str]) -> dict[str, int]:
    if "CHODNOTA" in header and "CHODNOTA1" not in header:
        raise MunicipalityFileError(
            _(
                "This is a code list (such as CIS0043, the municipalities), which has no ORP. "
                "Use ČSÚ's relation of municipalities to ORPs, VAZ0043_0065."
            )
        )
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise MunicipalityFileError(
            _(
                "This is not ČSÚ's relation of municipalities to ORPs (VAZ0043_0065): the "
                "columns %(columns)s are missing."
            )
            % {"columns": ", ".join(missing)}
        )
    wanted = (*REQUIRED, "KODJAZ", "KODCIS1", "KODCIS2", *POPULATION_COLUMNS)
    return {name: header.index(name) for name in wanted if name in header}


def _row(line: int, value: dict[str, str]) -> MunicipalityRow:
    first, second = value["AKRCIS1"].upper(), value["AKRCIS2"].upper()
    if (first, second) == (ORP_LIST, MUNICIPALITY_LIST):  # the relation read the other way
        value = {
            **value,
            "CHODNOTA1": value["CHODNOTA2"],
            "TEXT1": value["TEXT2"],
            "CHODNOTA2": value["CHODNOTA1"],
            "KODCIS1": value.get("KODCIS2", ""),
            "KODCIS2": value.get("KODCIS1", ""),
        }
    elif (first, second) != (MUNICIPALITY_LIST, ORP_LIST):
        raise MunicipalityFileError(
            _(
                "Line %(line)d: a relation of %(first)s to %(second)s; expected municipalities "
                "(CISOB) to ORPs (CISORP)."
            )
            % {"line": line, "first": first or "?", "second": second or "?"}
        )
    for column, code_list in (("KODCIS1", MUNICIPALITY_LIST), ("KODCIS2", ORP_LIST)):
        number = value.get(column, "")
        if number and number != LIST_NUMBERS[code_list]:
            raise MunicipalityFileError(
                _("Line %(line)d: %(column)s is %(number)s; %(list)s is code list %(expected)s.")
                % {
                    "line": line,
                    "column": column,
                    "number": number,
                    "list": code_list,
                    "expected": LIST_NUMBERS[code_list],
                }
            )
    code, name, orp_code = value["CHODNOTA1"], value["TEXT1"], value["CHODNOTA2"]
    if not (len(code) == 6 and code.isdigit()):
        raise MunicipalityFileError(
            _("Line %(line)d: the municipality code %(code)s is not six digits.")
            % {"line": line, "code": repr(code)}
        )
    if not name:
        raise MunicipalityFileError(
            _("Line %(line)d: the municipality %(code)s has no name.")
            % {"line": line, "code": code}
        )
    if len(name) > NAME_MAX_LENGTH:
        raise MunicipalityFileError(
            _(
                "Line %(line)d: the name of the municipality %(code)s is longer than "
                "%(max)d characters."
            )
            % {"line": line, "code": code, "max": NAME_MAX_LENGTH}
        )
    if not (len(orp_code) == 4 and orp_code.isdigit()):
        raise MunicipalityFileError(
            _("Line %(line)d: the ORP code %(code)s is not four digits.")
            % {"line": line, "code": repr(orp_code)}
        )
    return MunicipalityRow(line, code, name, orp_code, _population(line, value))


def _population(line: int, value: dict[str, str]) -> int | None:
    raw = next((value[name] for name in POPULATION_COLUMNS if value.get(name)), "")
    raw = raw.replace(" ", "").replace("\xa0", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise MunicipalityFileError(
            _("Line %(line)d: the population %(value)s is not a whole number.")
            % {"line": line, "value": repr(raw)}
        )
    return int(raw)


def import_municipalities(
    municipality_file: MunicipalityFile, *, known_orps_only: bool = False
) -> ImportResult:
    """Create or update the file's municipalities, matched by their ČSÚ code, in one
    transaction: a row that cannot be imported leaves the database as it was."""
    orps = {orp.code: orp for orp in Orp.objects.all()}
    result, rows = ImportResult(), []
    for row in municipality_file.rows:
        if row.orp_code in orps:
            rows.append(row)
        elif known_orps_only:
            result.other_orps += 1
        else:
            raise MunicipalityFileError(
                _(
                    "Line %(line)d: unknown ORP code %(orp)s (municipality %(name)s, "
                    "%(code)s). The ORPs in the database: %(known)s. To import only their "
                    "municipalities from a file of the whole country, use --known-orps-only."
                )
                % {
                    "line": row.line,
                    "orp": row.orp_code,
                    "name": row.name,
                    "code": row.code,
                    "known": ", ".join(sorted(orps)) or "–",
                }
            )
    with transaction.atomic():
        _write(rows, orps, result)
        counts = Counter(
            Municipality.objects.filter(orp__in=[orps[c] for c in result.per_orp]).values_list(
                "orp__code", flat=True
            )
        )
        for code in sorted(result.per_orp):
            expected = orps[code].municipality_count
            if expected is not None and counts[code] != expected:
                result.count_mismatches.append((code, counts[code], expected))
    return result


def _write(rows: list[MunicipalityRow], orps: dict[str, Orp], result: ImportResult) -> None:
    by_code = {m.code: m for m in Municipality.objects.filter(code__in=[r.code for r in rows])}
    by_name = {
        (m.orp_id, m.name): m
        for m in Municipality.objects.filter(orp__code__in={r.orp_code for r in rows})
    }
    for row in rows:
        orp = orps[row.orp_code]
        result.per_orp[orp.code] += 1
        municipality = by_code.get(row.code)
        namesake = by_name.get((orp.pk, row.name))
        if namesake is not None and (municipality is None or namesake.pk != municipality.pk):
            raise MunicipalityFileError(_namesake_message(row, orp, namesake))
        if municipality is None:
            municipality = Municipality.objects.create(
                orp=orp, name=row.name, code=row.code, population=row.population
            )
            by_name[(orp.pk, row.name)] = municipality
            result.created += 1
            continue
        changed = [
            name
            for name, differs in (
                ("orp", municipality.orp_id != orp.pk),
                ("name", municipality.name != row.name),
                ("population", row.population not in (None, municipality.population)),
            )
            if differs
        ]
        if not changed:
            result.unchanged += 1
            continue
        by_name.pop((municipality.orp_id, municipality.name), None)
        municipality.orp, municipality.name = orp, row.name
        if row.population is not None:
            municipality.population = row.population
        municipality.save(update_fields=changed)
        by_name[(orp.pk, row.name)] = municipality
        result.updated += 1


def _namesake_message(row: MunicipalityRow, orp: Orp, namesake: Municipality) -> str:
    if not namesake.code:
        return _(
            "Line %(line)d: the municipality %(name)s of %(orp)s is in the database without a "
            "ČSÚ code. Municipalities are matched by code, never by name: give it the code "
            "%(code)s (admin, Municipalities) and run the import again."
        ) % {"line": row.line, "name": row.name, "orp": orp, "code": row.code}
    return _(
        "Line %(line)d: %(orp)s already has a municipality %(name)s, with the code "
        "%(other)s, not %(code)s."
    ) % {"line": row.line, "name": row.name, "orp": orp, "other": namesake.code, "code": row.code}


def load_liberec_municipalities() -> ImportResult:
    """The Liberec Region's 215 municipalities (the demo loads them)."""
    return import_municipalities(read_municipality_file(LIBEREC_MUNICIPALITIES_FILE))


def summary(municipality_file: MunicipalityFile, result: ImportResult) -> list[str]:
    """What a run did, one line each: for the command's output."""
    lines = [
        _("Read as %(encoding)s: municipalities %(count)d, ORPs %(orps)d.")
        % {
            "encoding": municipality_file.encoding_label,
            "count": len(municipality_file.rows),
            "orps": len({row.orp_code for row in municipality_file.rows}),
        },
        _("Created %(created)d, updated %(updated)d, unchanged %(unchanged)d.")
        % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
    ]
    if municipality_file.other_languages:
        count = municipality_file.other_languages
        lines.append(
            ngettext(
                "%(count)d row in another language than Czech left out.",
                "%(count)d rows in another language than Czech left out.",
                count,
            )
            % {"count": count}
        )
    if result.other_orps:
        count = result.other_orps
        lines.append(
            ngettext(
                "%(count)d row of an ORP that is not in the database left out.",
                "%(count)d rows of ORPs that are not in the database left out.",
                count,
            )
            % {"count": count}
        )
    return lines


def warnings(result: ImportResult) -> list[str]:
    return [
        _("ORP %(orp)s: municipalities in the database %(found)d, expected %(expected)d.")
        % {"orp": code, "found": found, "expected": expected}
        for code, found, expected in result.count_mismatches
    ]
