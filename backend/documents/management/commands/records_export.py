"""`manage.py records_export CALL_ID OUTPUT.zip`: the records package of a closed call
(manifest, every version of its documents, SHA256SUMS) written to a file, as the call's page
downloads it (docs/records.md)."""

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.calls.models import Call
from backend.documents.records_package import RecordsPackageRefused, records_package_write


class Command(BaseCommand):
    help = (
        "Write the records package of a closed or finished call (manifest.csv, the PDFs, "
        "SHA256SUMS) to a ZIP file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("call_id", type=int)
        parser.add_argument("output", type=Path, help="The ZIP file to write.")

    def handle(self, *args: Any, call_id: int, output: Path, **options: Any) -> None:
        try:
            call = Call.objects.get(pk=call_id)
        except Call.DoesNotExist as error:
            raise CommandError(f"No call {call_id}.") from error
        # Written beside the target and renamed at the end, so a refused or interrupted
        # export never leaves a half-written package (or clobbers a good one) at `output`.
        directory = output.resolve().parent
        if not directory.is_dir():
            raise CommandError(f"No directory {directory}.")
        with tempfile.NamedTemporaryFile(dir=directory, suffix=".part", delete=False) as handle:
            partial = Path(handle.name)
            try:
                package = records_package_write(call=call, target=handle)
            except RecordsPackageRefused as refused:
                handle.close()
                partial.unlink()
                raise CommandError(str(refused)) from refused
            except BaseException:
                handle.close()
                partial.unlink()
                raise
        os.replace(partial, output)
        self.stdout.write(
            self.style.SUCCESS(f"{output}: {len(package.documents)} documents of call {call.pk}.")
        )
