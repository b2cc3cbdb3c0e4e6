"""Run every scheduled job once, now or at a moment on the demo clock."""

import json
from typing import Any

import time_machine
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from backend.core.clock import parse_moment
from notifications.runs import run_all_now

__all__ = ["Command", "parse_moment"]


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
