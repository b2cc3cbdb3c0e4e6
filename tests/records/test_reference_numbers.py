"""Reference numbers (čísla jednací): the pattern, the yearly restart on 1 January in Prague,
uniqueness, no gap after a rolled-back transition, the start-up check of the patterns."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import IntegrityError, transaction

from backend.audit.guards import AppendOnlyError
from backend.records.checks import reference_number_patterns
from backend.records.models import Direction, ReferenceNumber
from backend.records.series import series_municipal, series_regional
from backend.records.services import OutsideTransaction, reference_number_issue
from tests.helpers import prague
from workflows.plan_review.actions import plan_submit

pytestmark = pytest.mark.django_db


def _issue(subject: Any, *, at: dt.datetime | None = None, series: Any = None) -> str:
    with transaction.atomic():
        return reference_number_issue(
            series=series or series_regional(),
            subject=subject,
            direction=Direction.OUTGOING,
            at=at,
        ).value


def test_numbers_follow_the_pattern_and_restart_on_1_january_in_prague(
    regional_officer: Any,
) -> None:
    assert _issue(regional_officer, at=prague(2027, 3, 1, 10)) == "KULK/1/2027"
    assert _issue(regional_officer, at=prague(2027, 12, 31, 23)) == "KULK/2/2027"
    # 23:30 UTC on New Year's Eve is already 1 January 2028 in Prague.
    with time_machine.travel(dt.datetime(2027, 12, 31, 23, 30, tzinfo=dt.UTC), tick=False):
        assert _issue(regional_officer) == "KULK/1/2028"
    assert _issue(regional_officer, at=prague(2028, 1, 2, 8)) == "KULK/2/2028"


def test_the_pattern_is_a_setting(regional_officer: Any, settings: Any) -> None:
    settings.REFERENCE_NUMBER_PATTERN = "KULK/{year}/{number:05d}"
    assert _issue(regional_officer, at=prague(2027, 3, 1, 10)) == "KULK/2027/00001"


def test_each_municipality_numbers_in_its_own_series(regional_officer: Any) -> None:
    at = prague(2027, 3, 1, 10)
    liberec = series_municipal(municipality_id=1, code="563889")
    tanvald = series_municipal(municipality_id=2, code="")
    assert _issue(regional_officer, at=at, series=liberec) == "OBEC-563889/1/2027"
    assert _issue(regional_officer, at=at, series=liberec) == "OBEC-563889/2/2027"
    assert _issue(regional_officer, at=at, series=tanvald) == "OBEC-id2/1/2027"
    assert _issue(regional_officer, at=at) == "KULK/1/2027"


def test_numbers_are_unique_and_append_only(regional_officer: Any) -> None:
    _issue(regional_officer, at=prague(2027, 3, 1, 10))
    number = ReferenceNumber.objects.get()
    number.value = "KULK/2/2027"
    with pytest.raises(AppendOnlyError):
        number.save()
    with pytest.raises(AppendOnlyError):
        number.delete()
    duplicate = {
        field: getattr(number, field)
        for field in ("value", "series", "year", "number", "direction", "subject_type")
    }
    duplicate["value"] = "KULK/1/2027"
    with pytest.raises(IntegrityError), transaction.atomic():
        ReferenceNumber.objects.create(**duplicate, subject_id=1, issued_at=prague(2027, 3, 1, 11))
    with pytest.raises(IntegrityError), transaction.atomic():  # same series, year, number
        ReferenceNumber.objects.create(
            **{**duplicate, "value": "other"}, subject_id=1, issued_at=prague(2027, 3, 1, 11)
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_number_is_issued_only_inside_a_transaction(regional_officer: Any) -> None:
    with pytest.raises(OutsideTransaction):
        reference_number_issue(
            series=series_regional(), subject=regional_officer, direction=Direction.INCOMING
        )


class Rollback(Exception):
    pass


def test_a_rolled_back_transition_leaves_no_gap(
    make_plan: Any, provider_user: Any, service: Any
) -> None:
    first, second, third = (make_plan("draft") for _ in range(3))
    plan_submit(plan=first, by=provider_user)
    with pytest.raises(Rollback), transaction.atomic():
        plan_submit(plan=second, by=provider_user)
        assert ReferenceNumber.objects.filter(subject_id=second.pk).exists()
        raise Rollback  # e.g. a later step of the request failed
    plan_submit(plan=third, by=provider_user)
    numbers = ReferenceNumber.objects.order_by("number")
    assert [(n.number, n.subject_id, n.direction) for n in numbers] == [
        (1, first.pk, Direction.INCOMING),
        (2, third.pk, Direction.INCOMING),
    ]


@pytest.mark.parametrize(
    ("regional", "municipal", "ids"),
    [
        ("KULK/{number}/{year}", "OBEC-{municipality}/{number}/{year}", []),
        ("KULK/{number}", "OBEC-{municipality}/{number}/{year}", ["records.E001"]),
        ("KULK/{number}/{year}/{rok}", "OBEC-{municipality}/{number}/{year}", ["records.E001"]),
        ("KULK/{number}/{year", "OBEC-{municipality}/{number}/{year}", ["records.E001"]),
        ("KULK/{number:xyz}/{year}", "OBEC-{municipality}/{number}/{year}", ["records.E001"]),
        ("KULK/{number}/{year}", "OBEC/{number}/{year}", ["records.E002"]),
        ("{number}/{year}", "{municipality}{number}/{year}", ["records.E003"]),
    ],
)
def test_the_patterns_are_checked_at_start_up(
    settings: Any, regional: str, municipal: str, ids: list[str]
) -> None:
    settings.REFERENCE_NUMBER_PATTERN = regional
    settings.REFERENCE_NUMBER_MUNICIPAL_PATTERN = municipal
    assert [error.id for error in reference_number_patterns()] == ids
