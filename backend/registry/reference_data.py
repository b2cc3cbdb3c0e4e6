"""The reference data of the Liberec Region, from `shared/domain.md` and the seed documents.

Loaded by a data migration and by `manage.py load_reference_data`; both call
`load_reference_data`, which is idempotent (update_or_create on natural keys).

Only the ORPs' seat towns and the municipalities named in the seed documents are created
here, with their ČSÚ codes; the region's other municipalities come from ČSÚ's code list
(`manage.py import_municipalities`, `backend/registry/municipalities.py`), matched by code.
"""

import json
from pathlib import Path
from typing import Any

R, O, F = "residential", "outpatient", "field"

# (§, name, forms, default unit) — Act No. 108/2006 Coll.
SERVICE_TYPES: list[tuple[str, str, list[str], str]] = [
    ("37", "Sociální poradenství (odborné)", [O, F], "fte"),
    ("39", "Osobní asistence", [F], "fte"),
    ("40", "Pečovatelská služba", [F, O], "fte"),
    ("41", "Tísňová péče", [F], "fte"),
    ("42", "Průvodcovské a předčitatelské služby", [F, O], "fte"),
    ("43", "Podpora samostatného bydlení", [F], "flats"),
    ("44", "Odlehčovací služby", [F, O, R], "fte"),
    ("45", "Centra denních služeb", [O], "places"),
    ("46", "Denní stacionáře", [O], "places"),
    ("47", "Týdenní stacionáře", [R], "beds"),
    ("48", "Domovy pro osoby se zdravotním postižením", [R], "beds"),
    ("49", "Domovy pro seniory", [R], "beds"),
    ("50", "Domovy se zvláštním režimem", [R], "beds"),
    ("51", "Chráněné bydlení", [R], "beds"),
    ("52", "Sociální služby poskytované ve zdravotnických zařízeních lůžkové péče", [R], "beds"),
    ("54", "Raná péče", [F, O], "fte"),
    ("55", "Telefonická krizová pomoc", [F], "fte"),
    ("56", "Tlumočnické služby", [F, O], "fte"),
    ("57", "Azylové domy", [R], "beds"),
    ("58", "Domy na půl cesty", [R], "beds"),
    ("59", "Kontaktní centra", [O, F], "fte"),
    ("60", "Krizová pomoc", [F, O, R], "fte"),
    ("60a", "Intervenční centra", [O, F, R], "fte"),
    ("61", "Nízkoprahová denní centra", [O, F], "fte"),
    ("62", "Nízkoprahová zařízení pro děti a mládež", [O, F], "fte"),
    ("63", "Noclehárny", [O], "beds"),
    ("64", "Služby následné péče", [O, R], "fte"),
    ("65", "Sociálně aktivizační služby pro rodiny s dětmi", [F, O], "fte"),
    (
        "66",
        "Sociálně aktivizační služby pro seniory a osoby se zdravotním postižením",
        [O, F],
        "fte",
    ),
    ("67", "Sociálně terapeutické dílny", [O], "fte"),
    ("68", "Terapeutické komunity", [R], "beds"),
    ("69", "Terénní programy", [F], "fte"),
    ("70", "Sociální rehabilitace", [F, O, R], "fte"),
]

TARGET_GROUPS: list[tuple[str, str]] = [
    ("S", "senioři"),
    ("OZP", "osoby se zdravotním postižením"),
    ("RD", "rodiny s dětmi"),
    ("DM", "děti a mládež (6–26 let)"),
    ("OSV", "osoby ohrožené sociálním vyloučením"),
    ("OZ", "osoby ohrožené závislostí"),
    ("ODO", "osoby s duševním onemocněním"),
    ("NM", "národnostní menšiny"),
    ("C", "cizinci"),
]

REGION = ("CZ051", "Liberecký kraj")
# Signs the region's e-mails (a Czech letter ends with the sending office).
REGION_OFFICE = "Krajský úřad Libereckého kraje, odbor sociálních věcí"

# (ČSÚ code, ORP name = seat town, number of municipalities, the seat's ČSÚ municipality
# code) per domain.md; the municipality codes as in data/liberec_municipalities.csv.
ORPS: list[tuple[str, str, int, str]] = [
    ("5101", "Česká Lípa", 41, "561380"),
    ("5102", "Frýdlant", 18, "564028"),
    ("5103", "Jablonec nad Nisou", 12, "563510"),
    ("5104", "Jilemnice", 21, "577197"),
    ("5105", "Liberec", 28, "563889"),
    ("5106", "Nový Bor", 16, "561860"),
    ("5107", "Semily", 22, "576964"),
    ("5108", "Tanvald", 10, "563820"),
    ("5109", "Turnov", 36, "577626"),
    ("5110", "Železný Brod", 11, "563871"),
]

# Municipalities named in the seed documents, by ORP: (name, ČSÚ code). The full list
# imports from data/liberec_municipalities.csv (`manage.py import_municipalities`).
MUNICIPALITIES: dict[str, list[tuple[str, str]]] = {
    "5108": [
        ("Albrechtice v Jizerských horách", "563528"),
        ("Desná", "563552"),
        ("Harrachov", "577081"),
        ("Jiřetín pod Bukovou", "546585"),
        ("Kořenov", "563668"),
        ("Plavy", "563757"),
        ("Smržovka", "563811"),
        ("Velké Hamry", "563838"),
        ("Zlatá Olešnice", "563862"),
    ],
}

ACTIVITY_CARDS_FILE = Path(__file__).resolve().parent / "fixtures" / "activity_cards.json"


def _sort_key(paragraph: str) -> int:
    digits = "".join(ch for ch in paragraph if ch.isdigit())
    return int(digits) * 10 + (1 if not paragraph.isdigit() else 0)


def load_reference_data(apps: Any) -> None:
    """Create or update every reference row; `apps` is a (historical) app registry."""
    model = apps.get_model
    for paragraph, name, forms, unit in SERVICE_TYPES:
        model("registry", "ServiceType").objects.update_or_create(
            paragraph=paragraph,
            defaults={
                "name": name,
                "forms": forms,
                "default_unit": unit,
                "sort_key": _sort_key(paragraph),
            },
        )
    for code, name in TARGET_GROUPS:
        model("registry", "TargetGroup").objects.update_or_create(
            code=code, defaults={"name": name}
        )
    _load_territory(model)
    _load_medium_term_plan(model)


def load_region_office(apps: Any) -> None:
    """Name the office of the region (a field newer than the territory's data migration)."""
    region = apps.get_model("registry", "Region")
    region.objects.filter(code=REGION[0], office_name="").update(office_name=REGION_OFFICE)


def load_municipality_codes(apps: Any) -> None:
    """Give the seat towns and the seed documents' municipalities their ČSÚ codes (rows made
    before the codes were known); a code already set is left alone."""
    Municipality = apps.get_model("registry", "Municipality")
    for orp_code, name, municipality_code in _named_municipalities():
        Municipality.objects.filter(orp__code=orp_code, name=name, code="").update(
            code=municipality_code
        )


def _named_municipalities() -> list[tuple[str, str, str]]:
    """(ORP code, name, ČSÚ code) of every municipality created here."""
    named = [(code, seat, seat_code) for code, seat, _, seat_code in ORPS]
    for orp_code, municipalities in MUNICIPALITIES.items():
        named += [(orp_code, name, code) for name, code in municipalities]
    return named


def _load_territory(model: Any) -> None:
    region, _ = model("registry", "Region").objects.update_or_create(
        code=REGION[0], defaults={"name": REGION[1]}
    )
    Orp, Municipality = model("registry", "Orp"), model("registry", "Municipality")
    for code, name, count, seat_code in ORPS:
        orp, _ = Orp.objects.update_or_create(
            code=code, defaults={"name": name, "region": region, "municipality_count": count}
        )
        seat, _ = Municipality.objects.get_or_create(
            orp=orp, name=name, defaults={"code": seat_code}
        )
        if orp.seat_id != seat.pk:
            orp.seat = seat
            orp.save(update_fields=["seat"])
        for municipality, municipality_code in MUNICIPALITIES.get(code, []):
            Municipality.objects.get_or_create(
                orp=orp, name=municipality, defaults={"code": municipality_code}
            )


def _load_medium_term_plan(model: Any) -> None:
    data = json.loads(ACTIVITY_CARDS_FILE.read_text(encoding="utf-8"))
    Goal, Card = model("registry", "StrategicGoal"), model("registry", "ActivityCard")
    goals = {
        g["code"]: Goal.objects.update_or_create(
            code=g["code"], defaults={"name": g["name"][:300]}
        )[0]
        for g in data["strategic_goals"]
    }
    types = {t.paragraph: t for t in model("registry", "ServiceType").objects.all()}
    for card in data["activity_cards"]:
        obj, _ = Card.objects.update_or_create(
            code=card["code"],
            defaults={
                "name": card["name"],
                "target_groups": card["target_groups"][:300],
                "period": card["period"][:50],
                "responsibility": card["responsibility"][:300],
                "financing": card["financing"][:300],
                "description": card["description"],
            },
        )
        # Cards A03+ list only their "other" goals; the card's own goal is its group (A03 → SC3).
        own_goal = f"SC{int(card['code'][1:3])}"
        codes = [own_goal, *card["goals"]]
        obj.goals.set([goals[code] for code in codes if code in goals])
        obj.service_types.set([types[p] for p in card["service_types"] if p in types])
