"""The import pages: upload → preview (a task, progress polled) → commit; templates; the
column mapping saved for the next import; only the regional office."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from backend.imports.columns import COLUMNS
from backend.imports.models import ColumnMapping, ImportRun, ImportStatus
from backend.network.models import NetworkEntry
from tests.imports.conftest import csv_bytes, row, second_row

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, regional_officer):
    client.force_login(regional_officer)
    return client


def _upload(client, content, name="sit.csv", **data):
    return client.post(reverse("imports:list"), {"file": SimpleUploadedFile(name, content), **data})


def test_upload_preview_commit(officer_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(officer_client, csv_bytes([row(), second_row()]))
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert run.status == ImportStatus.PREVIEWED
    page = officer_client.get(reverse("imports:detail", args=[run.pk])).content.decode()
    assert "Windows-1250" in page
    assert "2 rows: 2 new, 0 changed, 0 unchanged, 0 refused" in page
    assert "Commit the import" in page
    progress = officer_client.get(reverse("imports:progress", args=[run.pk]))
    assert progress["HX-Refresh"] == "true"
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(reverse("imports:commit", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportStatus.COMMITTED
    assert NetworkEntry.objects.count() == 2


def test_refused_rows_are_listed_and_block_the_commit(
    officer_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(officer_client, csv_bytes([row(capacity="-1")]))
    run = ImportRun.objects.get()
    page = officer_client.get(
        reverse("imports:detail", args=[run.pk]), {"outcome": "refused"}
    ).content.decode()
    assert "The capacity cannot be negative." in page
    assert "Commit the import" not in page
    response = officer_client.post(reverse("imports:commit", args=[run.pk]))
    assert response.status_code == 400
    assert not NetworkEntry.objects.exists()


def test_the_templates(officer_client):
    from openpyxl import load_workbook

    xlsx = officer_client.get(reverse("imports:template", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    first, second = workbook.worksheets
    assert [cell.value for cell in first[1]] == [column.header for column in COLUMNS]
    assert second.max_row == len(COLUMNS) + 1
    assert second["A1"].value == "Sloupec"
    csv = officer_client.get(reverse("imports:template", args=["csv"])).content
    assert csv.startswith(b"\xef\xbb\xbfI\xc4\x8c;Poskytovatel;")
    assert officer_client.get(reverse("imports:template", args=["xls"])).status_code == 404


def test_a_sheet_with_other_headers_is_mapped_once(
    officer_client, regional_officer, django_capture_on_commit_callbacks
):
    own = [f"Sloupec {i}" for i in range(len(COLUMNS))]
    with django_capture_on_commit_callbacks(execute=True):
        _upload(officer_client, csv_bytes([row()], headers=own))
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.UPLOADED
    page = officer_client.get(reverse("imports:detail", args=[run.pk])).content.decode()
    assert "do not name these required columns" in page
    mapping = {f"column_{c.key}": own[i] for i, c in enumerate(COLUMNS)}
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(
            reverse("imports:mapping", args=[run.pk]), {**mapping, "save_as": "Náš list"}
        )
    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.status, run.count_new) == (ImportStatus.PREVIEWED, 1)
    assert ColumnMapping.objects.get().name == "Náš list"
    with django_capture_on_commit_callbacks(execute=True):
        _upload(officer_client, csv_bytes([row()], headers=own), mapping="Náš list")
    again = ImportRun.objects.first()
    assert again.pk != run.pk
    assert again.status == ImportStatus.PREVIEWED


@pytest.mark.parametrize("who", ["provider_user", "municipal_officer", "stranger"])
def test_only_the_regional_office(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("imports:list")).status_code == 403
    assert client.get(reverse("imports:template", args=["csv"])).status_code == 403
