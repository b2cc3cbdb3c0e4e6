from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from backend.registry.reference_data import (
    load_municipality_codes,
    load_reference_data,
    load_region_office,
)


class Command(BaseCommand):
    help = "Create or update service types, target groups, territory and activity cards."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            load_reference_data(apps)
            load_region_office(apps)
            load_municipality_codes(apps)
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
