from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from backend.registry.municipalities import (
    LIBEREC_MUNICIPALITIES_FILE,
    MunicipalityFileError,
    import_municipalities,
    read_municipality_file,
    summary,
    warnings,
)


class Command(BaseCommand):
    help = (
        "Create or update municipalities from ČSÚ's relation of municipalities to ORPs "
        "(VAZ0043_0065, CSV in windows-1250 or UTF-8), matched by their ČSÚ code; running it "
        "again changes nothing. Without a file: the Liberec Region's 215 municipalities "
        f"({LIBEREC_MUNICIPALITIES_FILE.name})."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv_path", type=Path, nargs="?", default=LIBEREC_MUNICIPALITIES_FILE)
        parser.add_argument(
            "--encoding",
            choices=["auto", "utf-8", "windows-1250"],
            default="auto",
            help="auto: UTF-8 when the file starts with a BOM or decodes as UTF-8, "
            "else windows-1250",
        )
        parser.add_argument(
            "--known-orps-only",
            action="store_true",
            help="leave out the rows of ORPs that are not in the database (a file of the "
            "whole country) instead of refusing the file",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count, change nothing"
        )

    def handle(
        self,
        *args: object,
        csv_path: Path,
        encoding: str,
        known_orps_only: bool,
        dry_run: bool,
        **options: object,
    ) -> None:
        try:
            municipality_file = read_municipality_file(csv_path, encoding=encoding)
            with transaction.atomic():
                result = import_municipalities(municipality_file, known_orps_only=known_orps_only)
                transaction.set_rollback(dry_run)
        except MunicipalityFileError as error:
            raise CommandError(f"{csv_path}: {error}") from error
        for line in summary(municipality_file, result):
            self.stdout.write(line)
        for line in warnings(result):
            self.stderr.write(self.style.WARNING(line))
        if dry_run:
            self.stdout.write(_("Dry run: nothing was saved."))
