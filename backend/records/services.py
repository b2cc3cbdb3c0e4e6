"""Issuing reference numbers: `reference_number_issue`, called inside the transaction of the
transition whose filing or letter it numbers.

Gap-free per series and year: the counter row is moved on by one UPDATE, which locks it until
that transaction ends, so of parallel transitions each waits for the one before it to commit
or roll back, and a rolled-back transition takes its number back with it. What holds and what
does not: docs/records.md.
"""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
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
    number = _number_taken(series.key, year)
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


def _number_taken(key: str, year: int) -> int:
    """The series' next number of the year, its counter moved on and locked until the
    transaction ends; the year's first number creates the counter. Two first numbers at once:
    INSERT … ON CONFLICT DO NOTHING lets one row in, the other insert waits for it and does
    nothing, then both move it on in turn."""
    number = _counter_moved_on(key, year)
    if number is None:
        ReferenceSequence.objects.bulk_create(
            [ReferenceSequence(series=key, year=year)], ignore_conflicts=True
        )
        number = _counter_moved_on(key, year)
    if number is None:  # not after the insert: the row exists, ours or a committed one
        raise ReferenceSequence.DoesNotExist(key, year)
    return number


def _counter_moved_on(key: str, year: int) -> int | None:
    """One statement instead of SELECT … FOR UPDATE and UPDATE (one round trip of every
    transition that files or sends something): the number the counter stood at, None when
    the series has no counter for the year yet. UPDATE … RETURNING: PostgreSQL, SQLite ≥ 3.35."""
    table = connection.ops.quote_name(ReferenceSequence._meta.db_table)
    column = {name: _column(name) for name in ("next_number", "series", "year")}
    statement = (
        "UPDATE {table} SET {next} = {next} + 1 WHERE {series} = %s AND {year} = %s "
        "RETURNING {next} - 1"
    ).format(table=table, next=column["next_number"], series=column["series"], year=column["year"])
    with connection.cursor() as cursor:
        cursor.execute(statement, [key, year])
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def _column(name: str) -> str:
    field = ReferenceSequence._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.column:
        raise TypeError(name)
    return connection.ops.quote_name(field.column)


def reference_numbers_of(subject: models.Model) -> models.QuerySet[ReferenceNumber]:
    """The numbers issued to a plan, an opinion or a decision, oldest first."""
    return ReferenceNumber.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    ).order_by("issued_at", "pk")
