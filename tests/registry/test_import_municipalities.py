"""`manage.py import_municipalities`: ČSÚ's relation of municipalities to ORPs (VAZ0043_0065)
in its real layouts and encodings, matched by code; and the shipped list of the Liberec
Region's 215 municipalities."""

import csv
import io
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from backend.registry.models import Municipality, Orp
from backend.registry.municipalities import (
    LIBEREC_MUNICIPALITIES_FILE,
    detect_encoding,
    load_liberec_municipalities,
    parse_municipality_file,
    read_municipality_file,
)
from backend.registry.reference_data import ORPS, load_municipality_codes

pytestmark = pytest.mark.django_db

# shared/domain.md, "Identifiers and validation": the Liberec Region's 10 ORPs and how many
# municipalities each has (215 in all).
DOMAIN_COUNTS = {
    "5101": 41,  # Česká Lípa
    "5102": 18,  # Frýdlant
    "5103": 12,  # Jablonec nad Nisou
    "5104": 21,  # Jilemnice
    "5105": 28,  # Liberec
    "5106": 16,  # Nový Bor
    "5107": 22,  # Semily
    "5108": 10,  # Tanvald
    "5109": 36,  # Turnov
    "5110": 11,  # Železný Brod
}

# (code, name, ORP code, ORP name) as ČSÚ publishes them. Liberec and Kořenov exist already
# (a seat town and a municipality of the seed documents); the rest is new.
ROWS = [
    ("544477", "Stráž nad Nisou", "5105", "Liberec"),
    ("563668", "Kořenov", "5108", "Tanvald"),
    ("563889", "Liberec", "5105", "Liberec"),
    ("564095", "Hrádek nad Nisou", "5105", "Liberec"),
    ("564427", "Světlá pod Ještědem", "5105", "Liberec"),
    ("577626", "Turnov", "5109", "Turnov"),
    ("563579", "Frýdštejn", "5103", "Jablonec nad Nisou"),
]
OLD_HEADER = "KODJAZ;TYPVAZ;AKRCIS1;KODCIS1;CHODNOTA1;TEXT1;AKRCIS2;KODCIS2;CHODNOTA2;TEXT2"
NEW_HEADER = (
    '"kodjaz","typvaz","akrcis1","kodcis1","chodnota1","text1",'
    '"akrcis2","kodcis2","chodnota2","text2"'
)


def old_layout(rows: list[tuple[str, ...]] = ROWS) -> str:
    """The export of ČSÚ's former code list application: `;`, an unquoted upper-case
    header, quoted values but the code lists' numbers, Windows line ends."""
    lines = [OLD_HEADER]
    for code, name, orp, orp_name in rows:
        lines.append(
            f'"CS";"Odvozená vazba";"CISOB";43;"{code}";"{name}";"CISORP";65;"{orp}";"{orp_name}"'
        )
    return "\r\n".join(lines) + "\r\n"


def new_layout(rows: list[tuple[str, ...]] = ROWS) -> str:
    """The current export: `,`, a quoted lower-case header."""
    lines = [NEW_HEADER]
    for code, name, orp, orp_name in rows:
        lines.append(
            f'"CS","Odvozená vazba","CISOB",43,"{code}","{name}","CISORP",65,"{orp}","{orp_name}"'
        )
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, data: bytes, name: str = "VAZ0043_0065_CS.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def run(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("import_municipalities", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def snapshot() -> list[tuple[Any, ...]]:
    return list(Municipality.objects.order_by("pk").values_list("pk", "code", "name", "orp_id"))


def assert_imported() -> None:
    by_code = {m.code: m for m in Municipality.objects.select_related("orp")}
    for code, name, orp, _ in ROWS:
        assert (by_code[code].name, by_code[code].orp.code) == (name, orp)


def test_the_old_layout_in_windows_1250(tmp_path: Path) -> None:
    liberec = Municipality.objects.get(code="563889")
    path = write(tmp_path, old_layout().encode("windows-1250"))

    output = run(path)

    assert "windows-1250" in output
    assert "Created 4, updated 0, unchanged 3." in output
    assert_imported()
    assert Municipality.objects.get(code="563889").pk == liberec.pk  # the seat town, not a twin
    assert Municipality.objects.filter(name="Liberec").count() == 1


def test_the_new_layout_in_utf_8_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + new_layout().encode())

    output = run(path)

    assert "UTF-8 with BOM" in output
    assert "Created 4, updated 0, unchanged 3." in output
    assert_imported()


def test_encodings_are_told_apart() -> None:
    text = old_layout()
    assert detect_encoding(b"\xef\xbb\xbf" + text.encode()) == "utf-8-sig"
    assert detect_encoding(text.encode()) == "utf-8"
    assert detect_encoding(text.encode("windows-1250")) == "windows-1250"
    # The same rows whatever the encoding and layout.
    parsed = [
        parse_municipality_file(text.encode("windows-1250")).rows,
        parse_municipality_file(b"\xef\xbb\xbf" + new_layout().encode()).rows,
        parse_municipality_file(new_layout().encode()).rows,
    ]
    assert [(r.code, r.name, r.orp_code) for r in parsed[0]] == [r[:3] for r in ROWS]
    assert parsed[0] == parsed[1]
    assert [(r.code, r.name) for r in parsed[1]] == [(r.code, r.name) for r in parsed[2]]


def test_running_it_again_changes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, old_layout().encode("windows-1250"))
    run(path)
    before = snapshot()

    output = run(path)

    assert "Created 0, updated 0, unchanged 7." in output
    assert snapshot() == before


def test_a_municipality_is_matched_by_code_so_a_new_name_or_orp_updates_it(
    tmp_path: Path,
) -> None:
    run(write(tmp_path, old_layout().encode("windows-1250")))
    hradek = Municipality.objects.get(code="564095")
    renamed = [(c, "Hrádek n. N." if c == "564095" else n, o, on) for c, n, o, on in ROWS]
    renamed = [(c, n, "5102" if c == "544477" else o, on) for c, n, o, on in renamed]

    output = run(write(tmp_path, old_layout(renamed).encode("windows-1250"), "again.csv"))

    assert "Created 0, updated 2, unchanged 5." in output
    hradek.refresh_from_db()
    assert hradek.name == "Hrádek n. N."
    assert Municipality.objects.get(code="544477").orp.code == "5102"


def test_a_municipality_known_only_by_name_is_not_guessed(tmp_path: Path) -> None:
    chrastava = Municipality.objects.create(orp=Orp.objects.get(code="5105"), name="Chrastava")
    rows = [("564117", "Chrastava", "5105", "Liberec")]
    before = snapshot()

    with pytest.raises(CommandError, match=r"without a ČSÚ code.*give it the code 564117"):
        run(write(tmp_path, old_layout(rows).encode("windows-1250")))

    assert snapshot() == before
    chrastava.code = "564117"
    chrastava.save()
    assert "Created 0, updated 0, unchanged 1." in run(
        write(tmp_path, old_layout(rows).encode("windows-1250"), "again.csv")
    )


def test_an_unknown_orp_code_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    rows = [*ROWS, ("585068", "Zlín", "7213", "Zlín")]
    path = write(tmp_path, old_layout(rows).encode("windows-1250"))
    before = snapshot()

    with pytest.raises(CommandError) as refused:
        run(path)

    message = str(refused.value)
    assert "Line 9: unknown ORP code 7213 (municipality Zlín, 585068)" in message
    assert "5101, 5102" in message and "--known-orps-only" in message
    assert snapshot() == before


def test_the_refusal_is_in_czech_too(tmp_path: Path) -> None:
    rows = [("585068", "Zlín", "7213", "Zlín")]
    path = write(tmp_path, old_layout(rows).encode("windows-1250"))

    with translation.override("cs"), pytest.raises(CommandError) as refused:
        run(path)

    assert "Řádek 2: neznámý kód ORP 7213" in str(refused.value)


def test_a_file_of_the_whole_country_with_known_orps_only(tmp_path: Path) -> None:
    rows = [("585068", "Zlín", "7213", "Zlín"), *ROWS, ("554782", "Praha", "1000", "Praha")]
    path = write(tmp_path, new_layout(rows).encode())

    output = run(path, "--known-orps-only")

    assert "Created 4, updated 0, unchanged 3." in output
    assert "2 rows of ORPs that are not in the database left out." in output
    assert not Municipality.objects.filter(code__in=["585068", "554782"]).exists()


def test_a_dry_run_saves_nothing(tmp_path: Path) -> None:
    before = snapshot()
    output = run(write(tmp_path, old_layout().encode("windows-1250")), "--dry-run")
    assert "Created 4" in output and "Dry run" in output
    assert snapshot() == before


def test_rows_in_another_language_are_left_out(tmp_path: Path) -> None:
    text = new_layout() + (
        '"EN","Derived relation","CISOB",43,"564117","Chrastava","CISORP",65,"5105","Liberec"\n'
    )
    output = run(write(tmp_path, text.encode()))
    assert "1 row in another language than Czech left out." in output
    assert not Municipality.objects.filter(code="564117").exists()


def test_the_relation_read_the_other_way_round(tmp_path: Path) -> None:
    text = NEW_HEADER + '\n"CS","Odvozená vazba","CISORP",65,"5105","Liberec",'
    text += '"CISOB",43,"564117","Chrastava"\n'
    run(write(tmp_path, text.encode()))
    assert Municipality.objects.get(code="564117").orp.code == "5105"


def _message(tmp_path: Path, data: bytes, *args: str) -> str:
    with pytest.raises(CommandError) as refused:
        run(write(tmp_path, data, "bad.csv"), *args)
    return str(refused.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "The file is empty."),
        (OLD_HEADER + "\r\n", "no municipality, only its header"),
        (
            "KODJAZ;AKRCIS;KODCIS;CHODNOTA;ZKRTEXT;TEXT;ADMPLOD;ADMNEPO\r\n"
            '"CS";"CISOB";43;"563889";"Liberec";"Liberec";"01.03.2001";"09.09.9999"\r\n',
            "a code list (such as CIS0043, the municipalities), which has no ORP. Use ČSÚ's "
            "relation of municipalities to ORPs, VAZ0043_0065.",
        ),
        ("obec;nazev;orp\r\n563889;Liberec;5105\r\n", "the columns AKRCIS1, CHODNOTA1"),
        (OLD_HEADER + '\r\n"CS";"x";"CISOB";43;"563889"\r\n', "Line 2: 5 columns, the header"),
        (
            OLD_HEADER + '\r\n"CS";"x";"CISOB";43;"563889";"Liberec";"CISPOU";61;"51051";"L"\r\n',
            "Line 2: a relation of CISOB to CISPOU",
        ),
        (
            OLD_HEADER + '\r\n"CS";"x";"CISOB";43;"56388";"Liberec";"CISORP";65;"5105";"L"\r\n',
            "Line 2: the municipality code '56388' is not six digits.",
        ),
        (
            OLD_HEADER + '\r\n"CS";"x";"CISOB";43;"563889";"";"CISORP";65;"5105";"L"\r\n',
            "Line 2: the municipality 563889 has no name.",
        ),
        (old_layout([*ROWS, ROWS[0]]), "Line 9: municipality code 544477 is also on line 2."),
    ],
)
def test_a_malformed_file_is_refused_with_a_clear_message(
    tmp_path: Path, text: str, expected: str
) -> None:
    before = snapshot()
    assert expected in _message(tmp_path, text.encode("windows-1250"))
    assert snapshot() == before


def test_a_file_in_neither_encoding(tmp_path: Path) -> None:
    # 0x98 is not a character in windows-1250 (and the bytes are not UTF-8).
    data = old_layout().encode("windows-1250") + b'"CS";"\x98"\r\n'
    assert "The file is not in windows-1250" in _message(tmp_path, data)
    assert "The file is not in UTF-8" in _message(
        tmp_path, old_layout().encode("windows-1250"), "--encoding", "utf-8"
    )


def test_a_missing_file(tmp_path: Path) -> None:
    assert "Cannot read the file" in _missing(tmp_path / "nowhere.csv")


def _missing(path: Path) -> str:
    with pytest.raises(CommandError) as refused:
        run(path)
    return str(refused.value)


def test_the_shipped_list_has_the_regions_215_municipalities() -> None:
    shipped = read_municipality_file(LIBEREC_MUNICIPALITIES_FILE)

    assert shipped.encoding == "utf-8-sig"
    assert len(shipped.rows) == 215
    assert len({row.code for row in shipped.rows}) == 215
    assert all(row.code for row in shipped.rows)  # every code verified, none left empty
    assert Counter(row.orp_code for row in shipped.rows) == DOMAIN_COUNTS
    assert {code: count for code, _, count, _ in ORPS} == DOMAIN_COUNTS
    with LIBEREC_MUNICIPALITIES_FILE.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle, delimiter=";"))
    assert ";".join(header) == OLD_HEADER


def test_the_shipped_list_names_the_seats_and_the_seed_municipalities_as_reference_data() -> None:
    """The codes given to the reference data (seat towns, ORP Tanvald's municipalities from
    the action plan) are the shipped list's, so loading the list updates them in place."""
    shipped = {
        row.code: (row.name, row.orp_code)
        for row in read_municipality_file(LIBEREC_MUNICIPALITIES_FILE).rows
    }
    existing = Municipality.objects.select_related("orp")
    assert existing.count() == 19
    for municipality in existing:
        assert shipped[municipality.code] == (municipality.name, municipality.orp.code)


def test_loading_the_shipped_list_keeps_the_seat_towns() -> None:
    seats = dict(Orp.objects.values_list("code", "seat_id"))

    result = load_liberec_municipalities()

    assert (result.created, result.updated, result.unchanged) == (196, 0, 19)
    assert result.count_mismatches == []
    assert Municipality.objects.count() == 215
    assert dict(Orp.objects.values_list("code", "seat_id")) == seats
    for orp in Orp.objects.all():
        assert orp.municipalities.count() == orp.municipality_count == DOMAIN_COUNTS[orp.code]
    assert load_liberec_municipalities().unchanged == 215


def test_the_codes_of_rows_made_before_the_codes_were_known() -> None:
    """Migration 0006: seat towns and the seed documents' municipalities get their codes."""
    Municipality.objects.update(code="")
    load_municipality_codes(apps)
    assert not Municipality.objects.filter(code="").exists()
    assert Municipality.objects.get(name="Jiřetín pod Bukovou").code == "546585"


def test_the_demo_loads_every_municipality() -> None:
    call_command("load_demo", stdout=io.StringIO())

    assert Municipality.objects.count() == 215
    liberec = Municipality.objects.get(code="563889")
    assert liberec.name == "Liberec" and liberec.is_town
    assert liberec.memberships.exists()


def test_an_extra_population_column_sets_the_population(tmp_path: Path) -> None:
    lines = old_layout().split("\r\n")
    lines[0] += ";POCET_OBYVATEL"
    lines[1:-1] = [f'{line};"1 234"' for line in lines[1:-1]]
    run(write(tmp_path, "\r\n".join(lines).encode("windows-1250")))
    assert set(
        Municipality.objects.filter(code__in=[r[0] for r in ROWS]).values_list(
            "population", flat=True
        )
    ) == {1234}

    lines[1] = lines[1].replace('"1 234"', '"many"')
    message = _message(tmp_path, "\r\n".join(lines).encode("windows-1250"))
    assert "Line 2: the population 'many' is not a whole number." in message
