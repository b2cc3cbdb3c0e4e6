"""Issuing reference numbers: `reference_number_issue`, called inside the transaction of the
transition whose filing or letter it numbers.

Gap-free per series and year: the counter row is locked (SELECT … FOR UPDATE) and moved on in
that transaction, so of parallel transitions each waits for the one before it to commit or
roll back, and a rolled-back transition takes its number back with it. What holds and what
does not: docs/records.md.
"""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from backend.core.deadlines import local_date
from backend.records.models import ReferenceNumber, ReferenceSequence
from backend.records.series import Series


class OutsideTransaction(Exception):
    """A reference number is issued only within the transaction of what it numbers."""


def reference_number_issue(
    *,
    series: Series,
    subject: models.Model,
    direction: str,
    at: dt.datetime | None = None,
) -> ReferenceNumber:
    """The next number of `series` in the Prague calendar year of `at` (default: now), issued
    to `subject` (the submitted plan, the opinion, the decision)."""
    if not transaction.get_connection().in_atomic_block:
        raise OutsideTransaction(series.key)
    at = at or timezone.now()
    year = local_date(at).year
    sequence = _locked_sequence(series.key, year)
    number = sequence.next_number
    sequence.next_number = number + 1
    sequence.save(update_fields=["next_number"])
    return ReferenceNumber.objects.create(
        value=series.format(number=number, year=year),
        series=series.key,
        year=year,
        number=number,
        direction=direction,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        issued_at=at,
    )


def _locked_sequence(key: str, year: int) -> ReferenceSequence:
    """The series' counter of the year, locked; the year's first number creates it. Two
    first numbers at once: INSERT … ON CONFLICT DO NOTHING lets one row in, the other insert
    waits for it and does nothing, then both lock that row in turn."""
    rows = ReferenceSequence.objects.select_for_update()
    sequence = rows.filter(series=key, year=year).first()
    if sequence is None:
        ReferenceSequence.objects.bulk_create(
            [ReferenceSequence(series=key, year=year)], ignore_conflicts=True
        )
        sequence = rows.get(series=key, year=year)
    return sequence


def reference_numbers_of(subject: models.Model) -> models.QuerySet[ReferenceNumber]:
    """The numbers issued to a plan, an opinion or a decision, oldest first."""
    return ReferenceNumber.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    ).order_by("issued_at", "pk")
