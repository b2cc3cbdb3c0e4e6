"""Writes of the notifications app."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from notifications.models import Event


def event_record(
    *,
    subject: models.Model,
    transition: str,
    source: str,
    target: str,
    actor: Any,
    comment: str = "",
) -> Event:
    """Append the domain event of one transition to the outbox (in the caller's transaction).

    The kind is `<model>.<transition>`, e.g. `developmentplan.submit`.
    """
    return Event.objects.create(
        kind=f"{subject._meta.model_name}.{transition}",
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        transition=transition,
        source_state=source,
        target_state=target,
        actor=actor,
        comment=comment,
    )
