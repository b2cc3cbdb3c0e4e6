"""The follow-up of reservations in the demo: in the current period, TULIPAN's social
rehabilitation is included with a reservation and has sent its statement, which waits for
the regional officer's confirmation; the day centre of CZSP has a reservation whose remedy
date passed with no statement (an overdue task of the office)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from backend.calls.models import NetworkPeriod
from backend.demo.replay import at, prague
from backend.network.choices import NetworkLevel
from backend.network.models import NetworkEntry
from backend.registry.models import SocialService
from backend.remedies.services import remedy_statement_send

# The smallest well-formed PDF (the upload checks read the content).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _current_period(today: dt.date) -> NetworkPeriod:
    running = NetworkPeriod.objects.filter(start_year__lte=today.year, end_year__gte=today.year)
    period = running.order_by("-start_year").first()
    return period or NetworkPeriod.objects.order_by("-start_year")[0]


def _reserve(
    service: SocialService,
    period: NetworkPeriod,
    *,
    level: NetworkLevel,
    due: dt.date,
    conditions: str,
) -> NetworkEntry:
    """The service's entry in `period` placed at a reservation level (as the imported
    spreadsheet or a decision would place it)."""
    entry = NetworkEntry.objects.filter(service=service, period=period).first()
    if entry is None:
        entry = NetworkEntry(
            service=service,
            period=period,
            form=service.form,
            capacity=Decimal(4),
            unit=service.capacity_unit,
            status="included_with_conditions",
        )
    entry.level = level
    entry.status = "included_with_conditions"
    entry.remedy_due = due
    entry.conditions = conditions
    entry.resolution_number = entry.resolution_number or period.resolution_number or "258/24/ZK"
    entry.resolution_date = entry.resolution_date or period.resolution_date
    entry.save()
    if not entry.orps.exists():
        entry.orps.set(service.orps.all())
    return entry


def load_remedies(users: dict[str, Any], services: dict[str, SocialService]) -> None:
    today = timezone.localdate()
    period = _current_period(today)
    waiting = _reserve(
        services["tulipan_rehab"],
        period,
        level=NetworkLevel.RESERVATION_Z1V,
        due=today + dt.timedelta(days=20),
        conditions="Doložit personální zajištění přímé péče (pracovní smlouvy, úvazky) "
        "v rozsahu schválené kapacity.",
    )
    moment = today - dt.timedelta(days=2)
    with at(prague(moment.year, moment.month, moment.day, 10)):
        remedy_statement_send(
            entry=waiting,
            by=users["tulipan"],
            text="Od 1. dne měsíce jsou obsazeny dva nové úvazky přímé péče; přikládáme "
            "pracovní smlouvy a rozpis služeb.",
            documents=[SimpleUploadedFile("smlouvy.pdf", PDF, content_type="application/pdf")],
        )
    _reserve(
        services["czsp_ds"],
        period,
        level=NetworkLevel.RESERVATION_Z2V,
        due=today - dt.timedelta(days=10),
        conditions="Doložit souhlas obce se spolufinancováním na další rok.",
    )
