"""`backend/core/bulk_inserts.py`: rows collected in a block are inserted at its end, in
order, except those appended in a savepoint that rolled back; outside a block they are
left to the caller."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from backend.core.bulk_inserts import insert_or_defer, inserts_deferred
from backend.events.models import Event

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
