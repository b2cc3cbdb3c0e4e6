"""The outbox drain: every domain event becomes the notifications it implies, once.

Events are written in the transaction of the change that caused them, so a change without
its event (or the other way round) cannot happen; the drain runs after each commit and from
the scheduler every minute, which also delivers whatever waited while the broker was down.
"""

import logging
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from backend.events.models import Event
from notifications.recipients import members_cached
from notifications.routing import notices_for_event
from notifications.services import notices_create

logger = logging.getLogger(__name__)


def outbox_drain(
    *, batch_size: int | None = None, max_batches: int | None = None
) -> dict[str, Any]:
    """Turn unprocessed events into notifications in capped batches, oldest first.

    Two drains at once split the work (SKIP LOCKED on PostgreSQL; SQLite serialises
    writers); a notice made twice is dropped by the unique delivery record anyway. An event
    whose notices cannot be made is logged with its object and marked processed, so it
    cannot block the ones behind it.
    """
    batch_size = batch_size or settings.NOTIFICATIONS_BATCH_SIZE
    max_batches = max_batches or settings.NOTIFICATIONS_MAX_BATCHES
    processed = offered = failed = 0
    for _ in range(max_batches):
        with transaction.atomic(), members_cached():
            pending = Event.objects.filter(processed_at__isnull=True).order_by("id")
            if connection.features.has_select_for_update_skip_locked:
                pending = pending.select_for_update(skip_locked=True)
            events = list(pending[:batch_size])
            for event in events:
                try:
                    with transaction.atomic():
                        offered += notices_create(notices=notices_for_event(event))
                except DatabaseError:
                    raise
                except Exception:
                    failed += 1
                    logger.exception(
                        "Outbox event #%s (%s of %s #%s) could not be turned into notices",
                        event.pk,
                        event.kind,
                        event.content_type.model,
                        event.object_id,
                    )
            Event.objects.filter(pk__in=[event.pk for event in events]).update(
                processed_at=timezone.now()
            )
        processed += len(events)
        if len(events) < batch_size:
            break
    return {"events": processed, "notices": offered, "failed": failed}


def outbox_mark_all_processed() -> int:
    """Mark every waiting event processed without notifying anyone (the demo's history)."""
    return Event.objects.filter(processed_at__isnull=True).update(processed_at=timezone.now())
