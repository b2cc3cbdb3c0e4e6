"""Rows the import refuses, each with its row number, column and a sentence, and the commit
refused while any remains: all or nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from backend.imports.models import ImportStatus
from backend.imports.services import import_commit, import_preview
from backend.network.models import NetworkEntry
from backend.registry.models import Provider
from tests import factories
from tests.imports.conftest import csv_bytes, row, second_row

pytestmark = pytest.mark.django_db


def _preview(upload, officer, *rows):
    return import_preview(run=upload(csv_bytes(list(rows))), by=officer)


def _errors(run):
    return {r.number: [tuple(e) for e in r.errors] for r in run.rows.filter(outcome="refused")}


@pytest.mark.parametrize(
    ("values", "column", "message"),
    [
        ({"ico": "265370036"}, "IČ", "IČ must have exactly 8 digits"),
        ({"ico": "26672473"}, "IČ", "check digit does not match"),
        ({"registration_number": "853309"}, "Registrační číslo", "exactly 7 digits"),
        ({"paragraph": "99"}, "§", "Unknown § “99”"),
        ({"orps": "5105, Praha"}, "ORP", "Unknown ORP of the region: Praha"),
        ({"municipalities": "Desná, Brno"}, "Obce", "Unknown municipality of the region: Brno"),
        ({"form": "terénní"}, "Forma", "cannot be provided in the form “field”"),
        ({"form": "létající"}, "Forma", "Unknown form “létající”"),
        ({"unit": "úvazky"}, "Jednotka", "counts its capacity in “beds”"),
        ({"capacity": "-3"}, "Kapacita", "cannot be negative"),
        ({"capacity": "patnáct"}, "Kapacita", "“patnáct” is no number"),
        ({"capacity": ""}, "Kapacita", "The capacity is missing"),
        ({"period": "2018 až 2020"}, "Období", "is no period"),
        ({"resolution_date": "31. 2. 2017"}, "Datum usnesení", "is no date"),
        ({"target_groups": "marťani"}, "Cílové skupiny", "Unknown target group: marťani"),
    ],
)
def test_a_bad_cell_refuses_its_row(upload, regional_officer, values, column, message):
    run = _preview(upload, regional_officer, second_row(), row(**values))
    assert (run.count_new, run.count_refused) == (1, 1)
    [(where, sentence)] = _errors(run)[3]
    assert where == column
    assert message in sentence
    with pytest.raises(ValidationError):
        import_commit(run=run, by=regional_officer)
    assert not Provider.objects.exists()


def test_a_duplicate_registration_number_in_the_file(upload, regional_officer):
    run = _preview(upload, regional_officer, row(), second_row(), row(capacity="3"))
    assert _errors(run)[4] == [
        ("Registrační číslo", "The registration number 8533092 is also on row 2.")
    ]


def test_one_ic_with_two_names_in_the_file(upload, regional_officer):
    run = _preview(
        upload, regional_officer, row(), second_row(ico="26672472", provider_name="TULIPAN")
    )
    assert _errors(run)[3] == [
        ("Poskytovatel", "The IČ 26672472 has the name “Sdružení TULIPAN, z. s.” on row 2.")
    ]


def test_overlapping_periods_are_refused(upload, regional_officer):
    factories.NetworkPeriodFactory(start_year=2018, end_year=2020)
    run = _preview(upload, regional_officer, row(), second_row(period="2019–2021"))
    assert _errors(run)[3] == [("Období", "The period 2019–2021 overlaps the period 2018–2020.")]


def test_a_capacity_decrease_with_a_plan_in_progress_is_a_warning(
    upload, regional_officer, service
):
    entry = factories.NetworkEntryFactory(
        service=service, period=factories.NetworkPeriodFactory(), capacity=Decimal(15)
    )
    factories.DevelopmentPlanFactory(
        service=service, call=factories.CallFactory(period=entry.period), awaiting_opinion=True
    )
    run = _preview(
        upload,
        regional_officer,
        row(
            registration_number=service.registration_number,
            service_name=service.name,
            period="2026–2028",
            capacity="10",
        ),
    )
    assert (run.count_changed, run.count_refused, run.count_warnings) == (1, 0, 1)
    [warned] = run.rows.all()
    assert warned.warnings[0][0] == "Kapacita"
    assert "while a development plan" in warned.warnings[0][1]
    assert import_commit(run=run, by=regional_officer).status == ImportStatus.COMMITTED


def test_a_commit_that_finds_a_refused_row_writes_nothing(upload, regional_officer):
    run = _preview(
        upload, regional_officer, row(period="2019–2021"), second_row(period="2019–2021")
    )
    # The preview found both rows fine; meanwhile somebody entered an overlapping period.
    assert run.count_refused == 0
    factories.NetworkPeriodFactory(start_year=2018, end_year=2020)
    run = import_commit(run=run, by=regional_officer)
    assert run.status == ImportStatus.REFUSED
    assert run.count_refused == 2
    assert not Provider.objects.exists()
    assert not NetworkEntry.objects.exists()


def test_only_the_regional_office_imports(upload, provider_user):
    from django.core.exceptions import PermissionDenied

    from backend.imports.services import import_upload

    with pytest.raises(PermissionDenied):
        import_upload(by=provider_user, uploaded=None)
