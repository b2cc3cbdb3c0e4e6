"""The demo region's existing network as a regional office keeps it in a spreadsheet: one row
per service in the network, in the import template's columns (`backend/imports/columns.py`),
saved as Czech Excel saves a CSV (UTF-8 with BOM, semicolons, decimal comma).

Generated, not real, except the two services of the 2017 case that have their registration
numbers (TULIPAN's sheltered housing, the Liberec home for the elderly): about 120 providers
and 300 services over the 10 ORPs of the Liberec Region, with the capacities, units and forms
each § allows, mostly included, some with a reservation, planned or in reserve, and a few
published as not included. The same seed makes the same file:

    .venv/bin/python -m backend.demo.network_file > backend/demo/data/network_2024_2026.csv
"""

import csv
import io
import random
import sys
from decimal import Decimal

PERIOD = "2024–2026"
HEADERS = [
    "IČ",
    "Poskytovatel",
    "Právní forma",
    "Registrační číslo",
    "Název služby",
    "§",
    "Forma",
    "Jednotka",
    "ORP",
    "Období",
    "Kapacita",
    "Úroveň",
    "Číslo usnesení",
    "Datum usnesení",
]
# code, seat town (the ORPs of the Liberec Region)
ORPS = [
    ("5101", "Česká Lípa"),
    ("5102", "Frýdlant"),
    ("5103", "Jablonec nad Nisou"),
    ("5104", "Jilemnice"),
    ("5105", "Liberec"),
    ("5106", "Nový Bor"),
    ("5107", "Semily"),
    ("5108", "Tanvald"),
    ("5109", "Turnov"),
    ("5110", "Železný Brod"),
]
# § → (name of a service of the kind, forms it may take, unit by form)
KINDS = {
    "37": ("Odborné sociální poradenství", ["ambulantní", "terénní"]),
    "39": ("Osobní asistence", ["terénní"]),
    "40": ("Pečovatelská služba", ["terénní", "ambulantní"]),
    "43": ("Podpora samostatného bydlení", ["terénní"]),
    "44": ("Odlehčovací služba", ["terénní", "ambulantní", "pobytová"]),
    "45": ("Centrum denních služeb", ["ambulantní"]),
    "46": ("Denní stacionář", ["ambulantní"]),
    "48": ("Domov pro osoby se zdravotním postižením", ["pobytová"]),
    "49": ("Domov pro seniory", ["pobytová"]),
    "50": ("Domov se zvláštním režimem", ["pobytová"]),
    "51": ("Chráněné bydlení", ["pobytová"]),
    "54": ("Raná péče", ["terénní"]),
    "57": ("Azylový dům", ["pobytová"]),
    "59": ("Kontaktní centrum", ["ambulantní"]),
    "60": ("Krizová pomoc", ["ambulantní"]),
    "61": ("Nízkoprahové denní centrum", ["ambulantní"]),
    "62": ("Nízkoprahové zařízení pro děti a mládež", ["ambulantní", "terénní"]),
    "63": ("Noclehárna", ["ambulantní"]),
    "65": ("Sociálně aktivizační služby pro rodiny s dětmi", ["terénní", "ambulantní"]),
    "66": ("Sociálně aktivizační služby pro seniory", ["ambulantní"]),
    "67": ("Sociálně terapeutická dílna", ["ambulantní"]),
    "69": ("Terénní programy", ["terénní"]),
    "70": ("Sociální rehabilitace", ["terénní", "ambulantní"]),
}
# How often each § occurs in a region's network (the common ones several times per ORP).
WEIGHTS = {"40": 6, "37": 4, "49": 4, "65": 4, "69": 3, "70": 3, "39": 3, "51": 2, "62": 2}
PROVIDER_KINDS = [
    ("Charita {town}", "církevní právnická osoba"),
    ("Diakonie – středisko {town}", "církevní právnická osoba"),
    ("Sociální služby města {town}, p. o.", "p. o."),
    ("Domov {town}, p. o.", "p. o."),
    ("Spolek Naděje {town}, z. s.", "z. s."),
    ("Centrum pomoci {town}, o. p. s.", "o. p. s."),
    ("Rodinné centrum {town}, z. ú.", "z. ú."),
    ("Pečovatelé {town}, s. r. o.", "s. r. o."),
]
REAL = [
    # The 2017 case's services with their registration numbers (the demo's own providers), at
    # the capacities the current call's plans start from.
    ("26672472", "Sdružení TULIPAN, z. s.", "z. s.", "8533092", "Chráněné bydlení TULIPAN",
     "51", "pobytová", "5105", Decimal(15)),
    ("65100654", "Centrum zdravotní a sociální péče Liberec, p. o.", "p. o.", "2480451",
     "Domov pro seniory Liberec", "49", "pobytová", "5105", Decimal(62)),
]  # fmt: skip


def ico_with_check(stem: int) -> str:
    """Seven digits and the check digit of the Czech company id (weights 8…2, mod 11)."""
    digits = f"{stem:07d}"
    total = sum(int(d) * w for d, w in zip(digits, range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 10
    return f"{digits}{check}"


def _capacity(rng: random.Random, paragraph: str, form: str) -> tuple[str, Decimal]:
    """The unit the registry calls for (residential: beds; else the type's own, FTE where
    the type counts beds) and a capacity of a believable size."""
    if form == "pobytová":
        return "lůžka", Decimal(rng.randrange(8, 90 if paragraph in ("49", "50") else 30))
    if paragraph in ("45", "46"):
        return "místa", Decimal(rng.randrange(10, 40))
    if paragraph == "43":
        return "bytové jednotky", Decimal(rng.randrange(4, 20))
    return "úvazky", Decimal(rng.randrange(1, 25)) / 2


def _level(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.80:
        return "zařazena"
    if roll < 0.87:
        return rng.choice(["Z1v", "Z2v"])
    if roll < 0.93:
        return "P/Z2v"
    if roll < 0.97:
        return "rezerva"
    return "nezařazena"


def rows(seed: int = 2017) -> list[list[str]]:
    """The file's rows (without the header), the same for the same seed."""
    rng = random.Random(seed)
    providers = []
    used_ico = {row[0] for row in REAL}
    for index in range(118):
        town = ORPS[index % len(ORPS)][1]
        name, legal_form = PROVIDER_KINDS[index % len(PROVIDER_KINDS)]
        ico = ico_with_check(rng.randrange(1_000_000, 9_999_999))
        while ico in used_ico:
            ico = ico_with_check(rng.randrange(1_000_000, 9_999_999))
        used_ico.add(ico)
        label = name.format(town=town) + (f" {index // len(ORPS) + 1}" if index >= 80 else "")
        providers.append((ico, label, legal_form, ORPS[index % len(ORPS)]))
    paragraphs = [p for p in KINDS for _ in range(WEIGHTS.get(p, 1))]
    used_numbers = {row[3] for row in REAL}
    out = [
        [ico, name, form_, number, service, paragraph, form, "lůžka", orp, PERIOD,
         _decimal(capacity), "zařazena", "", ""]
        for ico, name, form_, number, service, paragraph, form, orp, capacity in REAL
    ]  # fmt: skip
    names: set[str] = set()
    while len(out) < 300:
        ico, provider, legal_form, (orp, town) = rng.choice(providers)
        paragraph = rng.choice(paragraphs)
        kind, forms = KINDS[paragraph]
        form = rng.choice(forms)
        service = f"{kind} {town}"
        if service in names:
            service = f"{kind} {town} – {provider.split(' ')[0]} {len(names) % 7 + 2}"
        if service in names:
            continue
        names.add(service)
        number = f"{rng.randrange(1_000_000, 9_999_999)}"
        while number in used_numbers:
            number = f"{rng.randrange(1_000_000, 9_999_999)}"
        used_numbers.add(number)
        unit, capacity = _capacity(rng, paragraph, form)
        territory = [orp] + ([ORPS[rng.randrange(10)][0]] if rng.random() < 0.15 else [])
        out.append(
            [ico, provider, legal_form, number, service, paragraph, form, unit,
             ", ".join(dict.fromkeys(territory)), PERIOD, _decimal(capacity), _level(rng), "", ""]
        )  # fmt: skip
    return out


def _decimal(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def csv_text(seed: int = 2017) -> str:
    """The whole file as Czech Excel saves it (with the BOM, `;`, CRLF)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(rows(seed))
    return "\ufeff" + buffer.getvalue()


if __name__ == "__main__":
    sys.stdout.reconfigure(newline="")  # type: ignore[union-attr]  # the CRLF stay as written
    sys.stdout.write(csv_text())
