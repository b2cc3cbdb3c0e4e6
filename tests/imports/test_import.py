"""The import of a region's network: preview, commit all or nothing, re-import, history."""

import datetime as dt
from decimal import Decimal

import pytest

from backend.calls.models import NetworkPeriod
from backend.imports.models import ImportStatus
from backend.imports.services import import_commit, import_preview
from backend.network.models import CapacityChange, NetworkEntry
from backend.registry.models import Provider, SocialService
from tests.imports.conftest import csv_bytes, row, second_row, xlsx_bytes

pytestmark = pytest.mark.django_db


def _rows(run):
    return {r.number: r for r in run.rows.all()}


def test_a_windows_1250_semicolon_file_previews_without_writing(upload, regional_officer):
    run = upload(csv_bytes([row(), second_row(capacity="11,5", paragraph="49")]))
    assert run.encoding == "Windows-1250"
    assert run.delimiter == ";"
    run = import_preview(run=run, by=regional_officer)
    assert run.status == ImportStatus.PREVIEWED
    assert (run.count_new, run.count_refused) == (2, 0)
    assert not Provider.objects.filter(ico="26672472").exists()
    assert not NetworkEntry.objects.exists()
    assert set(_rows(run)) == {2, 3}


def test_commit_writes_providers_services_entries_and_history(upload, regional_officer):
    run = import_preview(run=upload(csv_bytes([row(), second_row()])), by=regional_officer)
    run = import_commit(run=run, by=regional_officer)
    assert run.status == ImportStatus.COMMITTED
    service = SocialService.objects.get(registration_number="8533092")
    assert service.provider.name == "Sdružení TULIPAN, z. s."
    assert sorted(service.target_groups.values_list("code", flat=True)) == ["ODO", "OZP"]
    assert list(service.orps.values_list("code", flat=True)) == ["5105"]
    entry = NetworkEntry.objects.get(service=service)
    assert entry.period == NetworkPeriod.objects.get(start_year=2018, end_year=2020)
    assert entry.capacity == Decimal(15)
    assert entry.unit == "beds"
    assert (entry.resolution_number, entry.resolution_date) == ("258/17/ZK", dt.date(2017, 6, 27))
    assert list(entry.orps.values_list("code", flat=True)) == ["5105"]
    change = CapacityChange.objects.get(entry=entry)
    assert (change.capacity_before, change.capacity_after) == (0, 15)
    assert "sit.csv" in change.reason
    assert change.recorded_by == regional_officer
    history = entry.history.get()
    assert history.history_change_reason == f"import no. {run.pk}: sit.csv"
    assert history.history_user == regional_officer
    assert service.history.get().history_change_reason.startswith("import no.")


def test_reimporting_the_same_file_changes_nothing(upload, regional_officer):
    content = csv_bytes([row(), second_row()])
    import_commit(run=import_preview(run=upload(content), by=regional_officer), by=regional_officer)
    changes = CapacityChange.objects.count()
    again = import_preview(run=upload(content), by=regional_officer)
    assert (again.count_new, again.count_changed, again.count_unchanged) == (0, 0, 2)
    again = import_commit(run=again, by=regional_officer)
    assert again.status == ImportStatus.COMMITTED
    assert CapacityChange.objects.count() == changes
    entry = NetworkEntry.objects.get(service__registration_number="8533092")
    assert entry.history.count() == 1


def test_a_changed_capacity_is_listed_with_its_fields_and_appended_to_the_history(
    upload, regional_officer
):
    import_commit(
        run=import_preview(run=upload(csv_bytes([row()])), by=regional_officer),
        by=regional_officer,
    )
    run = import_preview(
        run=upload(csv_bytes([row(capacity="3", service_name="Chráněné bydlení")])),
        by=regional_officer,
    )
    assert run.count_changed == 1
    changed = _rows(run)[2]
    assert changed.outcome == "changed"
    assert ["Kapacita", "15", "3"] in changed.changes
    assert ["Název služby", "Chráněné bydlení TULIPAN", "Chráněné bydlení"] in changed.changes
    import_commit(run=run, by=regional_officer)
    entry = NetworkEntry.objects.get(service__registration_number="8533092")
    assert [(c.capacity_before, c.capacity_after) for c in entry.changes.all()] == [
        (0, 15),
        (15, 3),
    ]


def test_services_match_by_registration_number_never_by_name(upload, regional_officer, provider):
    from tests.factories import SocialServiceFactory

    SocialServiceFactory(
        provider=provider, name="Chráněné bydlení TULIPAN", registration_number="1234567"
    )
    run = import_commit(
        run=import_preview(run=upload(csv_bytes([row()])), by=regional_officer),
        by=regional_officer,
    )
    assert run.status == ImportStatus.COMMITTED
    assert SocialService.objects.filter(name="Chráněné bydlení TULIPAN").count() == 2


def test_an_xlsx_made_by_openpyxl_with_czech_headers(upload, regional_officer):
    run = upload(
        xlsx_bytes(
            [
                row(
                    capacity=11.5,
                    paragraph=69,
                    form="terénní",
                    unit="úvazky",
                    resolution_date=dt.datetime(2017, 6, 27),  # noqa: DTZ001 (as a sheet has it)
                    registration_number=8533092,
                )
            ]
        ),
        name="síť.xlsx",
    )
    assert run.file_format == "xlsx"
    run = import_commit(run=import_preview(run=run, by=regional_officer), by=regional_officer)
    assert run.status == ImportStatus.COMMITTED, list(run.rows.values_list("errors", flat=True))
    entry = NetworkEntry.objects.get()
    assert (entry.capacity, entry.unit, entry.form) == (Decimal("11.5"), "fte", "field")
    assert entry.resolution_date == dt.date(2017, 6, 27)


@pytest.mark.parametrize(
    ("encoding", "label"),
    [("utf-8-sig", "UTF-8 with BOM"), ("utf-8", "UTF-8 (without BOM)"), ("cp1250", "Windows-1250")],
)
def test_the_encoding_is_detected_and_named(upload, regional_officer, encoding, label):
    run = upload(csv_bytes([row()], encoding=encoding))
    assert run.encoding == label
    run = import_preview(run=run, by=regional_officer)
    assert run.count_new == 1
    assert _rows(run)[2].service_name == "Chráněné bydlení TULIPAN"


def test_a_comma_separated_file_is_read_too(upload, regional_officer):
    run = upload(csv_bytes([row()], encoding="utf-8", delimiter=","))
    assert run.delimiter == ","
    assert import_preview(run=run, by=regional_officer).count_new == 1


def test_a_file_in_another_encoding_is_refused(upload):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="neither UTF-8 nor Windows-1250"):
        upload(b"IC;x\n\x81\x83\n")
