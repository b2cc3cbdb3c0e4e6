"""`manage.py retention_purge [--dry-run] [--at +Nd | YYYY-MM-DD | YYYY-MM-DDTHH:MM]`: apply
the retention periods now (or as of a moment on the demo clock) and print what was removed
or anonymised — with --dry-run, what would be, changing nothing. docs/personal-data.md."""

from typing import Any

import time_machine
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from backend.core.clock import parse_moment
from backend.retention.purge import retention_purge

# category → (what a run did, what a dry run would do)
LABELS = {
    "notifications": ("inbox notifications deleted", "inbox notifications to delete"),
    "login_records": (
        "login records (django-axes) deleted",
        "login records (django-axes) to delete",
    ),
    "plan_attachment_files": (
        "files of plans ended without inclusion removed",
        "files of plans ended without inclusion to remove",
    ),
    "accounts": ("deactivated accounts anonymised", "deactivated accounts to anonymise"),
    "access_log_due": (
        "document accesses past the period (the operator truncates the log)",
        "document accesses past the period (the operator truncates the log)",
    ),
}


class Command(BaseCommand):
    help = (
        "Remove or anonymise personal data past its retention period (the nightly job), "
        "and print the counts; --dry-run counts without changing anything."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")
        parser.add_argument(
            "--at",
            help="as of this moment (the demo clock): +Nd, YYYY-MM-DD or YYYY-MM-DDTHH:MM",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = bool(options["dry_run"])
        if options["at"]:
            at = parse_moment(options["at"])
            with time_machine.travel(at, tick=True):
                report = retention_purge(now=timezone.now(), dry_run=dry_run)
        else:
            report = retention_purge(now=timezone.now(), dry_run=dry_run)
        heading = "Retention purge (dry run: nothing changed)" if dry_run else "Retention purge"
        self.stdout.write(f"{heading} as of {timezone.localtime(report.now):%Y-%m-%d %H:%M %Z}")
        for name, count in report.counts.items():
            done, would = LABELS.get(name, (name, name))
            self.stdout.write(f"  {count:>7}  {would if dry_run else done}")
