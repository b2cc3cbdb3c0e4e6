"""The columns of the import: one flat sheet, one row per service in the network of a period
(provider, service and entry side by side), as a region's own table of its network has it.

Each column has a key (used inside), the Czech header of the template, the headers it is
also recognised by, whether it is required, and the sentence that explains it on the
template's second sheet.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the template's Czech header
    required: bool
    help: Promise | str
    example: str
    aliases: tuple[str, ...] = field(default_factory=tuple)


COLUMNS: tuple[Column, ...] = (
    Column("ico", "IČ", True, _("The provider's company id: 8 digits with a valid check digit."),
           "26672472", ("ico", "ičo", "ic", "ico poskytovatele", "ič poskytovatele")),
    Column("provider_name", "Poskytovatel", True,
           _("The provider's name; a provider is matched by its IČ, never by the name."),
           "Sdružení TULIPAN, z. s.", ("provider", "název poskytovatele", "provider name")),
    Column("legal_form", "Právní forma", False,
           _("Optional: z. s., o. p. s., p. o., z. ú., s. r. o., obec, církevní právnická osoba."),
           "z. s.", ("legal form",)),
    Column("address", "Adresa poskytovatele", False, _("Optional: the provider's seat."),
           "Sokolská 113/8, 460 01 Liberec", ("adresa", "sídlo", "address")),
    Column("registration_number", "Registrační číslo", True,
           _("The service's identifier from the national register of providers: 7 digits; "
             "a service is matched by it, never by the name."),
           "8533092", ("identifikátor", "identifikátor služby", "registrační číslo služby",
                       "registration number", "reg. číslo")),
    Column("service_name", "Název služby", True, _("The service's name."),
           "Chráněné bydlení TULIPAN", ("služba", "sociální služba", "service", "service name")),
    Column("paragraph", "§", True,
           _("The type of service by its § of Act No. 108/2006 Coll.: 37 … 70, 60a."),
           "51", ("paragraf", "druh služby", "druh", "type", "paragraph")),
    Column("form", "Forma", True,
           _("pobytová, ambulantní or terénní; the § must allow it."),
           "pobytová", ("forma poskytování", "form")),
    Column("unit", "Jednotka", False,
           _("lůžka, úvazky, místa or bytové jednotky; empty: the unit the § and the form call "
             "for (residential services count beds)."),
           "lůžka", ("jednotka kapacity", "unit")),
    Column("target_groups", "Cílové skupiny", False,
           _("Optional: target groups by code or name, separated by commas."),
           "OZP, ODO", ("cílová skupina", "target groups")),
    Column("orps", "ORP", True,
           _("The territory: ORPs of the region by ČSÚ code or name, separated by commas."),
           "5105", ("území", "území (orp)", "orps", "territory")),
    Column("municipalities", "Obce", False,
           _("Optional: municipalities of the region by name, separated by commas."),
           "Liberec", ("obec", "municipalities")),
    Column("period", "Období", True, _("The network's period, e.g. 2018–2020."), "2018–2020",
           ("období sítě", "period")),
    Column("capacity", "Kapacita", True,
           _("The capacity in the network: a number, decimal comma allowed (11,5); not negative."),
           "15", ("kapacita v síti", "capacity")),
    Column("level", "Úroveň", False,
           _("zařazena (empty), Z1v, Z2v, P/Z2v (planned), rezerva or nezařazena."),
           "zařazena", ("úroveň zařazení", "level")),
    Column("resolution_number", "Číslo usnesení", False,
           _("The resolution that put the service in the network at this capacity, e.g. "
             "258/17/ZK; empty: the period's own resolution."),
           "258/17/ZK", ("usnesení", "resolution", "resolution number")),
    Column("resolution_date", "Datum usnesení", False,
           _("The resolution's date, e.g. 27. 6. 2017."), "27. 6. 2017",
           ("datum", "resolution date")),
)  # fmt: skip
BY_KEY = {column.key: column for column in COLUMNS}
# The file's row number, carried along in the data sets.
ROW = "_row"


def normalise(header: Any) -> str:
    """A header compared without case, accents, spaces and punctuation ("IČO" = "ico")."""
    text = unicodedata.normalize("NFKD", str(header or "")).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z§]+", "", text)


def automatic_mapping(headers: list[str]) -> dict[str, str]:
    """{column key: header of the file} for every column whose header the file has."""
    by_name = {normalise(header): header for header in headers if header}
    mapping = {}
    for column in COLUMNS:
        for name in (column.header, column.key, *column.aliases):
            if normalise(name) in by_name:
                mapping[column.key] = by_name[normalise(name)]
                break
    return mapping
