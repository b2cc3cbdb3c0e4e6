"""Call announcements in the demo: subscriptions of `tulipan` and `liberec`, the current
call's text as a published document, and a future call announced by `kraj`."""

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from backend.announcements.services import call_document_add, subscription_set
from backend.calls.models import Call
from backend.calls.services import call_create
from backend.core.deadlines import end_of_day
from backend.demo.replay import prague
from backend.registry.models import ServiceType

# A one-page PDF (passes the upload checks: the content is a real PDF).
CALL_TEXT_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def load_announcements(users: dict[str, Any], current: Call) -> Call:
    """Subscriptions, a document on the current call and an announced future call (the
    latter's announcement is in the outbox like any other; the loader marks it processed)."""
    types = {t.paragraph: t for t in ServiceType.objects.filter(paragraph__in=["51", "70"])}
    subscription_set(
        user=users["tulipan"],
        by=users["tulipan"],
        all_types=False,
        service_types=[types["51"], types["70"]],
    )
    subscription_set(user=users["liberec"], by=users["liberec"], all_types=True, service_types=[])
    call_document_add(
        call=current,
        by=users["kraj"],
        title="Text výzvy a pravidla hodnocení",
        file=ContentFile(CALL_TEXT_PDF, name="text-vyzvy.pdf"),
    )
    today = timezone.localdate()
    opens = today + dt.timedelta(days=45)
    closes = today + dt.timedelta(days=59)
    return call_create(
        by=users["kraj"],
        name=f"Výzva k aktualizaci ZSSS LK – chráněné bydlení a sociální rehabilitace {opens.year}",
        period=current.period,
        opens_at=prague(opens.year, opens.month, opens.day, 8),
        closes_at=end_of_day(closes),
        opinion_deadline_days=15,
        council_deadline_days=10,
        decision_date_days=20,
        service_types=[types["51"], types["70"]],
    )
