"""The network register as a table (CSV, XLSX, JSON): the columns and the rows, read in
chunks."""

from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from backend.core.exports import CHUNK_SIZE
from backend.network.models import NetworkEntry

# (JSON key, header, XLSX column width)
REGISTER_COLUMNS: list[tuple[str, Any, int]] = [
    ("id", _("Entry"), 8),
    ("period", _("Period"), 11),
    ("paragraph", _("§"), 6),
    ("service_type", _("Type of service"), 32),
    ("service", _("Service"), 36),
    ("registration_number", _("Registration no."), 14),
    ("provider", _("Provider"), 36),
    ("ico", _("IČ"), 10),
    ("form", _("Form"), 12),
    ("capacity", _("Capacity"), 10),
    ("unit", _("Unit"), 14),
    ("orps", _("Territory (ORPs)"), 30),
    ("status", _("Status"), 24),
    ("conditions", _("Conditions"), 40),
    ("updated_at", _("Updated"), 18),
]


def register_rows(entries: QuerySet[NetworkEntry]) -> Iterator[Sequence[Any]]:
    """One row per entry; the queryset is iterated in chunks (ORPs prefetched per chunk)."""
    for entry in entries.iterator(chunk_size=CHUNK_SIZE):
        service = entry.service
        yield [
            entry.pk,
            str(entry.period),
            service.service_type.paragraph,
            service.service_type.name,
            service.name,
            service.registration_number,
            service.provider.name,
            service.provider.ico,
            entry.get_form_display(),
            entry.capacity,
            entry.get_unit_display(),
            ", ".join(orp.name for orp in entry.orps.all()),
            entry.get_status_display(),
            entry.conditions,
            entry.updated_at,
        ]
