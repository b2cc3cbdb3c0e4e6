"""Demo data of demand, read from the source documents (`data/README.md`): the Tanvaldsko
action plan 2024's table of capacity needs and the family-services project's planning
schemes. The demo loader (`backend/demo`) calls these; both are idempotent."""

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from backend.demand.models import DemandTable
from backend.demand.services import EntryInput, TableInput, demand_table_create
from backend.registry.models import Orp, PlanningScheme, Region, ServiceType
from backend.registry.services import planning_scheme_create

DATA = Path(__file__).parent / "data"
TANVALDSKO_TITLE = "Akční plán rozvoje sociálních služeb Mikroregionu Tanvaldsko 2024"
TANVALDSKO_SOURCE = (
    "Akční plán pro rok 2024 ke Střednědobému plánu rozvoje sociálních služeb Mikroregionu "
    "Tanvaldsko 2022–2024: rekapitulace potřeb kapacit, opatření OP3.2 a OP3.3"
)


def tanvaldsko_entries(*, orp_tanvald: Orp) -> list[EntryInput]:
    """The action plan's needs (`data/tanvaldsko-2024.csv`), all in ORP Tanvald."""
    types = {st.paragraph: st for st in ServiceType.objects.all()}
    with (DATA / "tanvaldsko-2024.csv").open(encoding="utf-8") as file:
        return [
            EntryInput(
                orp=orp_tanvald,
                service_type=types[row["paragraph"]],
                unit=row["unit"],
                quantity=Decimal(row["quantity"]),
                note=row["note"],
            )
            for row in csv.DictReader(file)
        ]


def tanvaldsko_demand_load(*, region: Region, orp_tanvald: Orp, by: Any) -> DemandTable:
    """Record the Tanvaldsko action plan 2024's table of needs in ORP Tanvald, by a regional
    officer of `region` on behalf of the micro-region (once: an existing table of the same
    title is returned). The plan states the need found in 2022–2023 and holds until a later
    table replaces it, so it is recorded valid from 2024 with no end year."""
    existing = DemandTable.objects.filter(region=region, title=TANVALDSKO_TITLE).first()
    if existing is not None:
        return existing
    return demand_table_create(
        by=by,
        region=region,
        data=TableInput(
            title=TANVALDSKO_TITLE,
            valid_from=2024,
            adopted_on=dt.date(2023, 12, 15),
            stated_by="Svazek obcí Mikroregion Tanvaldsko, usnesení č. 44/2023",
            source_reference=TANVALDSKO_SOURCE,
        ),
        entries=tanvaldsko_entries(orp_tanvald=orp_tanvald),
    )


FAMILY_SERVICES_NOTE = (
    "Projekt „Podpora a rozvoj sociálních služeb pro rodiny a děti v Libereckém kraji“ "
    "(CZ.03.2.60/0.0/0.0/15_005/0002734, 24. 5. 2017): kraj rozdělen na {parts} částí "
    "({service}) – {parts} samostatných veřejných zakázek; kapacita stanovena na základě "
    "požadavků jednotlivých ORP. Podklad části nevyjmenovává: obce do částí doplní krajský "
    "úřad."
)
FAMILY_SERVICES_SCHEMES = (
    ("Rodinné služby 2017 – NZDM (16 částí)", "62", 16, "NZDM, § 62"),
    ("Rodinné služby 2017 – SAS (14 částí)", "65", 14, "SAS, § 65"),
)


def family_services_schemes_load(*, region: Region, by: Any) -> list[PlanningScheme]:
    """The family-services project's two splits of the region (16 parts for § 62 NZDM, 14
    for § 65 SAS), by a regional officer of `region`. The source names the number of parts
    only, not their municipalities, so the schemes are loaded without areas and their note
    says so; the office adds the areas (`demand:area_create`)."""
    schemes = []
    with transaction.atomic():
        for name, paragraph, parts, service in FAMILY_SERVICES_SCHEMES:
            scheme = PlanningScheme.objects.filter(region=region, name=name).first()
            if scheme is None:
                scheme = planning_scheme_create(
                    by=by,
                    region=region,
                    name=name,
                    service_types=ServiceType.objects.filter(paragraph=paragraph),
                    note=FAMILY_SERVICES_NOTE.format(parts=parts, service=service),
                )
            schemes.append(scheme)
    return schemes
