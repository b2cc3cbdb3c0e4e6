"""`manage.py import_network FILE [--commit]`."""

import pytest
from django.core.management import CommandError, call_command

from backend.imports.models import ImportRun, ImportStatus
from backend.network.models import NetworkEntry
from tests.imports.conftest import csv_bytes, row, second_row

pytestmark = pytest.mark.django_db


def test_preview_then_commit(tmp_path, regional_officer, capsys):
    path = tmp_path / "sit.csv"
    path.write_bytes(csv_bytes([row(), second_row()]))
    call_command("import_network", str(path), "--user", "kraj")
    assert not NetworkEntry.objects.exists()
    assert "Encoding: Windows-1250" in capsys.readouterr().out
    call_command("import_network", str(path), "--user", "kraj", "--commit")
    assert NetworkEntry.objects.count() == 2
    assert ImportRun.objects.first().status == ImportStatus.COMMITTED
    call_command("import_network", str(path), "--user", "kraj", "--commit")
    assert "0 new, 0 changed, 2 unchanged" in capsys.readouterr().out


def test_refused_rows_stop_the_commit(tmp_path, regional_officer, capsys):
    path = tmp_path / "sit.csv"
    path.write_bytes(csv_bytes([row(ico="26672473")]))
    with pytest.raises(CommandError, match="Refused rows remain"):
        call_command("import_network", str(path), "--user", "kraj", "--commit")
    assert "check digit" in capsys.readouterr().out
    assert not NetworkEntry.objects.exists()
