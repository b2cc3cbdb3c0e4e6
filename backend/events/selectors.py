"""Reads of the outbox."""

from django.db.models import QuerySet

from backend.events.models import Event


def event_list_unprocessed(*, limit: int = 500) -> QuerySet[Event]:
    """The oldest events no consumer has handled yet, in the order they happened."""
    return Event.objects.filter(processed_at__isnull=True).order_by("id")[:limit]


def event_list_for(subject_model: str, object_id: int) -> QuerySet[Event]:
    return Event.objects.filter(content_type__model=subject_model, object_id=object_id).order_by(
        "id"
    )
