"""The follow-up of a reservation: the provider's statements, the office's finding
(remedied → included; not remedied → not included), each atomic, checked, in the entry's
history, with an event whose notices go out exactly once."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.events.models import Event
from backend.machines.errors import TransitionConflict
from backend.network.choices import NetworkLevel
from backend.remedies.models import RemedyOutcome, RemedyStatement, RemedyStatementAttachment
from backend.remedies.services import (
    remedy_confirm,
    remedy_not_remedied,
    remedy_statement_send,
)
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.outbox import outbox_drain
from tests.helpers import reload
from tests.notifications.conftest import notices
from tests.remedies.conftest import CONDITIONS, DUE, pdf

pytestmark = pytest.mark.django_db

RESOLUTION = {"resolution_number": "120/26/RK", "resolution_date": dt.date(2026, 5, 12)}


def _drain_twice() -> None:
    outbox_drain()
    outbox_drain()  # nothing twice


def test_the_provider_sends_a_statement_and_the_office_is_told_once(
    reserved: Any, provider_user: Any, regional_officer: Any, other_officer: Any
) -> None:
    statement = remedy_statement_send(
        entry=reserved, by=provider_user, text="  Doložili jsme smlouvy.  ", documents=[pdf()]
    )
    assert statement.text == "Doložili jsme smlouvy."
    assert statement.remedy_due == DUE
    (document,) = statement.attachments.all()
    assert document.original_name == "doklad.pdf"
    assert document.file.read().startswith(b"%PDF")
    event = Event.objects.get(kind="networkentry.remedy_statement")
    assert (event.object_id, event.actor) == (reserved.pk, provider_user)
    _drain_twice()
    assert notices(kind=Kind.REMEDY_STATEMENT) == {(Kind.REMEDY_STATEMENT, "kraj"): 1}
    assert reload(reserved).level == NetworkLevel.RESERVATION_Z1V  # waits for the office


def test_a_provider_may_send_more_than_one_statement(reserved: Any, provider_user: Any) -> None:
    remedy_statement_send(entry=reserved, by=provider_user, text="První.")
    remedy_statement_send(entry=reserved, by=provider_user, text="Doplnění.")
    assert list(reserved.remedy_statements.values_list("text", flat=True)) == [
        "První.",
        "Doplnění.",
    ]


def test_a_bad_statement_is_refused_and_stores_nothing(reserved: Any, provider_user: Any) -> None:
    with pytest.raises(ValidationError) as error:
        remedy_statement_send(entry=reserved, by=provider_user, text="   ")
    assert "text" in error.value.message_dict
    fake = SimpleUploadedFile(
        "smlouva.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as error:
        remedy_statement_send(entry=reserved, by=provider_user, text="Ok.", documents=[pdf(), fake])
    assert "smlouva.pdf" in error.value.message_dict["documents"][0]
    assert not RemedyStatement.objects.exists()
    assert not RemedyStatementAttachment.objects.exists()
    assert not Event.objects.exists()


def test_only_the_provider_sends_and_only_while_the_reservation_lasts(
    reserved: Any, other_provider_user: Any, regional_officer: Any, provider_user: Any
) -> None:
    for user in (other_provider_user, regional_officer):
        with pytest.raises(PermissionDenied):
            remedy_statement_send(entry=reserved, by=user, text="Ok.")
    remedy_confirm(entry=reserved, by=regional_officer, **RESOLUTION)
    with pytest.raises(TransitionConflict):
        remedy_statement_send(entry=reserved, by=provider_user, text="Pozdě.")


def test_confirming_the_remedy_includes_the_entry_with_its_history(
    reserved: Any, provider_user: Any, regional_officer: Any
) -> None:
    finding = remedy_confirm(entry=reserved, by=regional_officer, **RESOLUTION)
    entry = reload(reserved)
    assert (entry.level, entry.status) == (NetworkLevel.INCLUDED, "included")
    assert (entry.resolution_number, entry.resolution_date) == ("120/26/RK", dt.date(2026, 5, 12))
    assert entry.remedy_due is None
    assert (finding.outcome, finding.level_before, finding.level_after) == (
        "remedied",
        NetworkLevel.RESERVATION_Z1V,
        NetworkLevel.INCLUDED,
    )
    assert (finding.remedy_due, finding.conditions) == (DUE, CONDITIONS)
    latest, before = entry.history.order_by("-history_id")[:2]
    assert (before.level, latest.level) == (NetworkLevel.RESERVATION_Z1V, NetworkLevel.INCLUDED)
    assert latest.history_user == regional_officer
    event = Event.objects.get(kind="networkentry.remedy_confirm")
    assert (event.source_state, event.target_state) == ("reservation_z1v", "included")
    _drain_twice()
    assert notices(kind=Kind.REMEDY_DECIDED) == {(Kind.REMEDY_DECIDED, "tulipan"): 1}
    (notice,) = Notification.objects.filter(kind=Kind.REMEDY_DECIDED)
    assert notice.context["outcome"] == "remedied"
    assert notice.context["resolution_number"] == "120/26/RK"
    # Once: the second officer finds the reservation gone.
    with pytest.raises(TransitionConflict):
        remedy_confirm(entry=reserved, by=regional_officer, **RESOLUTION)
    assert RemedyOutcome.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"resolution_number": " "}, "resolution_number"),
        ({"resolution_date": None}, "resolution_date"),
    ],
)
def test_the_finding_needs_the_resolution(
    reserved: Any, regional_officer: Any, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        remedy_confirm(entry=reserved, by=regional_officer, **{**RESOLUTION, **changes})
    assert field in error.value.message_dict
    assert reload(reserved).level == NetworkLevel.RESERVATION_Z1V
    assert not RemedyOutcome.objects.exists() and not Event.objects.exists()


def test_not_remedied_takes_the_service_out_with_the_reason(
    reserved: Any, provider_user: Any, regional_officer: Any
) -> None:
    with pytest.raises(ValidationError) as error:
        remedy_not_remedied(entry=reserved, by=regional_officer, reason="", **RESOLUTION)
    assert "reason" in error.value.message_dict
    finding = remedy_not_remedied(
        entry=reserved, by=regional_officer, reason="Personál nedoložen.", **RESOLUTION
    )
    entry = reload(reserved)
    assert entry.level == NetworkLevel.NOT_INCLUDED
    assert entry.resolution_number == "120/26/RK"
    assert (finding.outcome, finding.reason) == ("not_remedied", "Personál nedoložen.")
    _drain_twice()
    (notice,) = Notification.objects.filter(kind=Kind.REMEDY_DECIDED)
    assert (notice.recipient, notice.context["outcome"]) == (provider_user, "not_remedied")


def test_only_the_office_of_the_entrys_region_decides(
    reserved: Any, provider_user: Any, other_officer: Any
) -> None:
    for user in (provider_user, other_officer):
        with pytest.raises(PermissionDenied):
            remedy_confirm(entry=reserved, by=user, **RESOLUTION)
        with pytest.raises(PermissionDenied):
            remedy_not_remedied(entry=reserved, by=user, reason="Ne.", **RESOLUTION)
    assert reload(reserved).level == NetworkLevel.RESERVATION_Z1V


def test_an_entry_without_a_reservation_has_nothing_to_decide(
    reserved: Any, regional_officer: Any
) -> None:
    reserved.level = NetworkLevel.INCLUDED
    reserved.save()
    with pytest.raises(TransitionConflict):
        remedy_confirm(entry=reserved, by=regional_officer, **RESOLUTION)
