"""Writes of the outbox: the workflows append an event in their transaction; the consumer
(the notifications' outbox drain) is put on the broker by its task name once it commits,
so this app imports nothing above it."""

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import models

from backend.core.bulk_inserts import insert_or_defer
from backend.core.enqueue import enqueue_on_commit
from backend.events.models import Event

if TYPE_CHECKING:
    # The project's user model (AUTH_USER_MODEL), as django-stubs resolves it: the outbox
    # names no app above it.
    from django.contrib.auth.models import _User


def event_kind(model: type[models.Model] | models.Model, transition: str) -> str:
    """The kind of the event `transition` of a `model` records: `<model>.<transition>`,
    e.g. `developmentplan.submit` (the routing of the notifications is keyed by it)."""
    return f"{model._meta.model_name}.{transition}"


# The consumer of the outbox, by its registered name (notifications/tasks.py).
OUTBOX_DRAIN_TASK = "notifications.tasks.outbox_drain_task"


def event_record(
    *,
    subject: models.Model,
    transition: str,
    source: str,
    target: str,
    actor: "_User | None",
    comment: str = "",
    on_behalf_of_id: int | None = None,
) -> Event:
    """Append a domain event to the outbox (in the caller's transaction) and have the outbox
    drained once the transaction commits.

    Its kind is `event_kind(subject, transition)`, e.g. `developmentplan.submit`. Inside a
    sweep's `inserts_deferred()` block the row is inserted with the block's others (its
    `pk` is None until then).
    """
    event = Event(
        kind=event_kind(subject, transition),
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        transition=transition,
        source_state=source,
        target_state=target,
        actor=actor,
        comment=comment,
        on_behalf_of_id=on_behalf_of_id,
    )
    if not insert_or_defer(event):
        event.save(force_insert=True)
    enqueue_on_commit(OUTBOX_DRAIN_TASK)
    return event
