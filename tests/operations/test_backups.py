"""scripts/backup.sh and scripts/restore.sh against the test database (PostgreSQL): the
restore into a fresh database verifies every table's row count and the uploaded files, and
refuses a manifest that does not match or a target that is not empty. (`.ci/run` also runs
scripts/backup_roundtrip.sh over the whole demo.)"""

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings as django_settings
from django.db import connection

from tests import factories
from tests.integration.brokers import database_url

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCRIPTS = Path(django_settings.BASE_DIR) / "scripts"


def _run(script: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", str(SCRIPTS / script), *args],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def fresh_database() -> Iterator[Any]:
    """`fresh_database()`: the URL of a new empty database, dropped afterwards."""
    made: list[str] = []
    server = database_url().rsplit("/", 1)[0]

    def make() -> str:
        name = f"zsss_restore_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        made.append(name)
        return f"{server}/{name}"

    yield make
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        for name in made:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def backup(tmp_path: Path, settings: Any, service: Any, open_call: Any) -> Path:
    """Three plans and two uploaded files, backed up; the manifest's path."""
    for state in ("draft", "awaiting_opinion", "included"):
        factories.plan_in_state(state, service=service, call=open_call)
    media = Path(settings.MEDIA_ROOT)
    (media / "plans" / "1").mkdir(parents=True)
    (media / "plans" / "1" / "rozpočet.pdf").write_bytes(b"%PDF-1.4 budget")
    (media / "usneseni.pdf").write_bytes(b"%PDF-1.4 resolution")
    made = _run(
        "backup.sh",
        DATABASE_URL=database_url(),
        MEDIA_ROOT=str(media),
        BACKUP_DIR=str(tmp_path / "backups"),
    )
    assert made.returncode == 0, made.stderr
    return Path(made.stdout.strip())


def _manifest(path: Path) -> dict[str, list[str]]:
    return {line.split("\t")[1]: line.split("\t")[2:] for line in path.read_text().splitlines()}


def test_backup_and_restore_round_trip(backup: Path, fresh_database: Any, tmp_path: Path) -> None:
    manifest = _manifest(backup)
    assert manifest["public.plans_developmentplan"] == ["3"]
    assert manifest["public.registry_orp"] == ["10"]  # reference data from the migration
    (media_line,) = [v for k, v in manifest.items() if k.endswith("-media.tar.gz")]
    assert media_line[1] == "2"  # files

    target = tmp_path / "media-restored"
    restored = _run("restore.sh", str(backup), fresh_database(), str(target))
    assert restored.returncode == 0, restored.stderr
    assert "verified" in restored.stdout
    assert (target / "plans" / "1" / "rozpočet.pdf").read_bytes() == b"%PDF-1.4 budget"


def test_restore_refuses_a_manifest_that_does_not_match(
    backup: Path, fresh_database: Any, tmp_path: Path
) -> None:
    tampered = backup.with_name("tampered.manifest")
    tampered.write_text(
        backup.read_text().replace(
            "public.plans_developmentplan\t3", "public.plans_developmentplan\t4"
        )
    )
    restored = _run("restore.sh", str(tampered), fresh_database(), str(tmp_path / "m"))
    assert restored.returncode == 1
    assert "row counts differ" in restored.stderr
    assert "public.plans_developmentplan\t4" in restored.stderr


def test_restore_refuses_a_changed_dump_and_a_database_that_is_not_empty(
    backup: Path, fresh_database: Any, tmp_path: Path
) -> None:
    occupied = _run("restore.sh", str(backup), database_url(), str(tmp_path / "m1"))
    assert occupied.returncode == 1
    assert "not empty" in occupied.stderr

    dump = next(backup.parent.glob("*.dump"))
    dump.write_bytes(dump.read_bytes() + b"x")
    changed = _run("restore.sh", str(backup), fresh_database(), str(tmp_path / "m2"))
    assert changed.returncode == 1
    assert "checksum differs" in changed.stderr
