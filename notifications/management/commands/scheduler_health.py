"""Health check of the scheduler and the worker behind it (docker-compose's beat service)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from notifications.models import SweepStatus


class Command(BaseCommand):
    help = (
        "Exit 0 when the minute jobs (calls, outbox) have run successfully within --max-age "
        "seconds: beat sends them and a worker runs them, so both are alive."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--max-age", type=int, default=300, help="seconds (default 300)")

    def handle(self, *args: Any, **options: Any) -> None:
        since = timezone.now() - dt.timedelta(seconds=options["max_age"])
        fresh = SweepStatus.objects.filter(
            name__in=["calls", "outbox"], last_ok=True, last_finished_at__gte=since
        ).count()
        if fresh < 2:
            raise CommandError(f"the minute jobs have not run since {since:%Y-%m-%d %H:%M:%S}")
        self.stdout.write("ok")
