"""`backend/core/bulk_inserts.py`: rows collected in a block are inserted at its end, in
order, except those appended in a savepoint that rolled back; outside a block they are
left to the caller; `insert_values` inserts plain values with the fields' defaults."""

import datetime as dt
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.core.bulk_inserts import insert_or_defer, insert_values, inserts_deferred
from backend.events.models import Event
from notifications.kinds import Kind
from notifications.models import EmailStatus, Notification

pytestmark = pytest.mark.django_db


def _event(name: str) -> Event:
    return Event(
        kind=f"user.{name}",
        content_type=ContentType.objects.get_for_model(Event),
        object_id=1,
        transition=name,
        source_state="a",
        target_state="b",
    )


def test_outside_a_block_nothing_is_collected() -> None:
    with transaction.atomic():
        assert insert_or_defer(_event("alone")) is False
    assert not Event.objects.exists()


def test_the_rows_of_a_block_are_inserted_at_its_end_without_rolled_back_ones() -> None:
    with transaction.atomic(), inserts_deferred():
        assert insert_or_defer(_event("first"))
        try:
            with transaction.atomic():
                insert_or_defer(_event("refused"))
                raise RuntimeError("refused")
        except RuntimeError:
            pass
        with transaction.atomic():
            insert_or_defer(_event("second"))
        assert not Event.objects.exists()
    assert list(Event.objects.order_by("pk").values_list("transition", flat=True)) == [
        "first",
        "second",
    ]


def test_a_block_that_fails_inserts_nothing() -> None:
    with pytest.raises(RuntimeError), transaction.atomic(), inserts_deferred():
        insert_or_defer(_event("lost"))
        raise RuntimeError("boom")
    assert not Event.objects.exists()


def test_values_are_inserted_with_the_shared_values_and_the_fields_defaults(
    provider_user: Any,
) -> None:
    kind = ContentType.objects.get_for_model(Event)
    now = timezone.now()
    insert_values(
        Notification,
        ("recipient_id", "kind", "content_type_id", "object_id", "deadline", "context"),
        [
            (provider_user.pk, Kind.DRAFT_REMINDER, kind.pk, 7, dt.date(2027, 3, 1), {"lead": 5}),
            (provider_user.pk, Kind.DRAFT_REMINDER, kind.pk, 8, dt.date(2027, 3, 2), {}),
        ],
        same={"created_at": now},
    )
    first, second = Notification.objects.order_by("object_id")
    assert (first.object_id, first.deadline, first.context) == (7, dt.date(2027, 3, 1), {"lead": 5})
    assert (second.object_id, second.deadline, second.context) == (8, dt.date(2027, 3, 2), {})
    assert first.created_at == second.created_at == now
    # Every column not given is the field's default, as `Notification(...)` would have it.
    assert (first.occasion, first.email_status, first.email_attempts, first.read_at) == (
        "",
        EmailStatus.PENDING,
        0,
        None,
    )


def test_values_a_unique_constraint_holds_are_skipped_when_asked(provider_user: Any) -> None:
    kind = ContentType.objects.get_for_model(Event)
    row = (provider_user.pk, Kind.DRAFT_REMINDER, kind.pk, 7, dt.date(2027, 3, 1))
    columns = ("recipient_id", "kind", "content_type_id", "object_id", "deadline")
    insert_values(Notification, columns, [row])
    insert_values(Notification, columns, [row, (*row[:3], 8, row[4])], ignore_conflicts=True)
    assert sorted(Notification.objects.values_list("object_id", flat=True)) == [7, 8]
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_values(Notification, columns, [row])


def test_a_block_inside_a_block_leaves_its_rows_to_the_outer_one() -> None:
    """An action's own block (`atomic_action`) inside a sweep's group adds its rows to the
    group's, inserted once at the group's end."""
    with transaction.atomic(), inserts_deferred():
        with transaction.atomic(), inserts_deferred():
            assert insert_or_defer(_event("inner"))
        assert not Event.objects.exists()
        assert insert_or_defer(_event("outer"))
    assert list(Event.objects.order_by("pk").values_list("transition", flat=True)) == [
        "inner",
        "outer",
    ]
