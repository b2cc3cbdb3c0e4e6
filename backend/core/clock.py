"""The demo clock's moments: `--at` of `run_deadline_checks` and `retention_purge`."""

import datetime as dt
import re

from django.core.management.base import CommandError
from django.utils import timezone

from backend.core.deadlines import PRAGUE


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
