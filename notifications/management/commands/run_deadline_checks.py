"""Run every scheduled job once, now or at a moment on the demo clock."""

import datetime as dt
import json
import re
from typing import Any

import time_machine
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from backend.core.deadlines import PRAGUE
from notifications.runs import run_all_now


def parse_moment(value: str) -> dt.datetime:
    """`+12d` (12 days from now), `2026-12-24` (9:00 that day) or `2026-12-24T16:30`,
    on the Prague wall clock."""
    relative = re.fullmatch(r"\+(\d+)d", value.strip())
    if relative:
        return timezone.now() + dt.timedelta(days=int(relative.group(1)))
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            f"--at: expected +Nd, YYYY-MM-DD or YYYY-MM-DDTHH:MM, got {value!r}"
        ) from error
    if len(value.strip()) == 10:
        moment = moment.replace(hour=9)
    return moment if moment.tzinfo else moment.replace(tzinfo=PRAGUE)


class Command(BaseCommand):
    help = (
        "Run every scheduled job once, right here: open/close calls, lapse overdue plans, "
        "record overdue opinions as not given (escalating to the regional office), make the "
        "reminders, the digest and the notices of every change, and send the e-mails. "
        "With --at the jobs run as if it were that moment (the demo clock); running again "
        "sends nothing twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--at",
            help="the moment to run at: +Nd (N days from now), YYYY-MM-DD or YYYY-MM-DDTHH:MM",
        )
        parser.add_argument(
            "--no-digest", action="store_true", help="skip the regional officers' digest"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        at = parse_moment(options["at"]) if options["at"] else None
        if at is None:
            results = run_all_now(digest=not options["no_digest"])
        else:
            self.stdout.write(f"Demo clock: {timezone.localtime(at):%Y-%m-%d %H:%M %Z}")
            with time_machine.travel(at, tick=True):
                results = run_all_now(digest=not options["no_digest"])
        self.stdout.write(json.dumps(results, indent=2, ensure_ascii=False, default=str))
