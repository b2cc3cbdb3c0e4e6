import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from backend.registry.models import Municipality, Orp


class Command(BaseCommand):
    help = (
        "Import municipalities from a CSV with the columns orp_code, name, code[, population] "
        "(e.g. exported from the ČSÚ code list). Existing rows are updated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("csv_path", type=Path)

    def handle(self, *args: object, csv_path: Path, **options: object) -> None:
        orps = {orp.code: orp for orp in Orp.objects.all()}
        created = updated = 0
        with csv_path.open(encoding="utf-8-sig", newline="") as handle, transaction.atomic():
            for line, row in enumerate(csv.DictReader(handle), start=2):
                orp = orps.get((row.get("orp_code") or "").strip())
                name = (row.get("name") or "").strip()
                if orp is None or not name:
                    raise CommandError(f"{csv_path}:{line}: unknown ORP code or empty name: {row}")
                population = (row.get("population") or "").strip()
                _, was_created = Municipality.objects.update_or_create(
                    orp=orp,
                    name=name,
                    defaults={
                        "code": (row.get("code") or "").strip(),
                        "population": int(population) if population else None,
                    },
                )
                created += was_created
                updated += not was_created
        self.stdout.write(self.style.SUCCESS(f"{created} created, {updated} updated."))
