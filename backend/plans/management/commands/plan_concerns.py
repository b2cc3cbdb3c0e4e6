"""Check or rebuild the municipalities each plan concerns (`PlanConcern`).

    manage.py plan_concerns            # compare with the relations; exit 1 on a difference
    manage.py plan_concerns --rebuild  # derive them all afresh

The receivers in backend/plans/concerns.py keep the table on every ORM write; a write that
bypasses the ORM (SQL by hand, a restore of one table) does not, and a municipality would
then miss a plan or see one it no longer concerns.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from backend.plans.concerns import concerned_pairs, plan_concerns_refresh
from backend.plans.models import PlanConcern


class Command(BaseCommand):
    help = "Check (or with --rebuild derive afresh) the municipalities each plan concerns."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="Derive them all afresh.")

    def handle(self, *args: Any, rebuild: bool = False, **options: Any) -> None:
        if rebuild:
            count = plan_concerns_refresh()
            self.stdout.write(f"{count} concerns derived afresh.")
            return
        kept = set(PlanConcern.objects.values_list("plan_id", "municipality_id"))
        derived = set(concerned_pairs())
        missing, stale = derived - kept, kept - derived
        if missing or stale:
            raise CommandError(
                f"{len(missing)} concerns missing, {len(stale)} stale "
                f"(e.g. plan, municipality: {sorted(missing | stale)[:5]}); "
                "run with --rebuild."
            )
        self.stdout.write(f"{len(kept)} concerns, as the relations say.")
