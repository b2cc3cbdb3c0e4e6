"""The demo: advancing the clock with `run_deadline_checks --at` over the open call's
deadlines produces the reminders, the lapse and the escalation — each exactly once."""

import datetime as dt
import io
import itertools
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from backend.core.deadlines import local_date
from backend.events.models import Event
from notifications.kinds import Kind
from notifications.management.commands.run_deadline_checks import parse_moment
from notifications.models import Notification
from tests.helpers import prague

pytestmark = pytest.mark.django_db


def test_parse_moment() -> None:
    assert parse_moment("2026-12-24") == prague(2026, 12, 24, 9)
    assert parse_moment("2026-12-24T16:30") == prague(2026, 12, 24, 16, 30)
    now = timezone.now()
    assert abs(parse_moment("+3d") - (now + dt.timedelta(days=3))) < dt.timedelta(seconds=5)
    with pytest.raises(CommandError):
        parse_moment("tomorrow")


def _run(at: str | None = None) -> None:
    call_command("run_deadline_checks", *(["--at", at] if at else []), stdout=io.StringIO())


def _kinds() -> Counter[str]:
    return Counter(Notification.objects.values_list("kind", flat=True))


def test_walking_the_demo_clock_notifies_each_deadline_once(settings: Any, tmp_path: Path) -> None:
    settings.EMAIL_BACKEND = "notifications.mailbox.EmlFolderBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    call_command("load_demo", stdout=io.StringIO())
    # The replayed history notifies nobody.
    assert not Event.objects.filter(processed_at__isnull=True).exists()
    _run()
    seen: list[Counter[str]] = [_kinds()]
    # Daily steps: with longer ones, both reminders of a deadline can fall due in one run
    # (only the nearer one is then sent), and whether they do depends on the weekday.
    for days in range(1, 80):
        _run(f"+{days}d")
        _run(f"+{days}d")  # the same moment again changes nothing
        seen.append(_kinds())
    final = seen[-1]
    # The returned plan of TULIPAN lapsed; its provider was told once.
    assert final[Kind.PLAN_LAPSED] == 1
    # Romodrom's draft got its two reminders before the call closed.
    assert final[Kind.DRAFT_REMINDER] == 2
    # The open opinions: reminders to the officers / the council, then escalation.
    assert final[Kind.OPINION_REMINDER] == 2
    assert final[Kind.COUNCIL_REMINDER] == 2
    assert final[Kind.ESCALATION] == 2
    # Counts only ever grow, and every notice has exactly one e-mail file.
    for earlier, later in itertools.pairwise(seen):
        assert all(later[kind] >= count for kind, count in earlier.items())
    mails = list((tmp_path / "mail").glob("*.eml"))
    emailed = Notification.objects.filter(email_status="sent").count()
    assert len(mails) == emailed == Notification.objects.count()
    # Each key at most once (the database guarantees it; check the outcome anyway).
    keys = Notification.objects.values_list(
        "recipient", "kind", "content_type", "object_id", "deadline", "occasion"
    )
    assert len(set(keys)) == len(keys)
    assert local_date(timezone.now()) == timezone.localdate()  # the clock is back to now
