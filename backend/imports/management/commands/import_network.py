"""`manage.py import_network FILE [--commit] --user NAME`: the region's network from an XLSX
or CSV file, as the web page imports it — a preview listing every row that is new, changed
or refused, then, with `--commit`, the import (all rows or none)."""

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.accounts.models import User
from backend.imports.models import ImportStatus
from backend.imports.services import (
    import_commit,
    import_mapping_missing,
    import_preview,
    import_upload,
)


class Command(BaseCommand):
    help = (
        "Import the region's existing network (providers, services, register entries) from "
        "an XLSX or CSV file: a preview, then with --commit the import, all rows or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--user", required=True, help="The regional officer who imports (username)."
        )
        parser.add_argument("--commit", action="store_true", help="Import after the preview.")
        parser.add_argument("--mapping", default="", help="A saved column mapping's name.")

    def handle(self, *args: Any, file: Path, user: str, commit: bool, **options: Any) -> None:
        try:
            by = User.objects.get(username=user)
        except User.DoesNotExist as error:
            raise CommandError(f"No user {user!r}.") from error
        try:
            with file.open("rb") as handle:
                run = import_upload(
                    by=by, uploaded=File(handle, name=file.name), mapping_name=options["mapping"]
                )
            missing = import_mapping_missing(run=run)
            if missing:
                raise CommandError(
                    "The file lacks the columns: " + ", ".join(missing) + " (or use --mapping)."
                )
            self.stdout.write(f"Import #{run.pk}: {run.file_name}, SHA-256 {run.sha256}")
            if run.encoding:
                self.stdout.write(f"Encoding: {run.encoding}, delimiter {run.delimiter!r}")
            run = import_preview(run=run, by=by)
            self._report(run)
            if not commit:
                return
            if run.count_refused:
                raise CommandError("Refused rows remain: nothing was imported.")
            run = import_commit(run=run, by=by)
        except (PermissionDenied, ValidationError) as error:
            raise CommandError("; ".join(getattr(error, "messages", [str(error)]))) from error
        if run.status != ImportStatus.COMMITTED:
            self._report(run)
            raise CommandError("Refused rows appeared: nothing was imported.")
        self.stdout.write(self.style.SUCCESS(f"Imported: {self._counts(run)}."))

    @staticmethod
    def _counts(run: Any) -> str:
        return ", ".join(f"{count} {name}" for name, count in run.counts().items())

    def _report(self, run: Any) -> None:
        self.stdout.write(f"Rows: {run.rows_total} ({self._counts(run)})")
        for row in run.rows.exclude(outcome="unchanged").iterator():
            if row.outcome == "new" and not row.warnings:
                continue
            self.stdout.write(f"  row {row.number}: {row.outcome} {row.registration_number}")
            for column, old, new in row.changes:
                self.stdout.write(f"    {column}: {old} → {new}")
            for column, message in row.errors:
                self.stdout.write(f"    {column}: {message}")
            for column, message in row.warnings:
                self.stdout.write(f"    warning – {column}: {message}")
