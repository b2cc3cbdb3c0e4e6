"""The demo has a reservation waiting for the officer's confirmation (TULIPAN's statement
with a document) and one whose remedy date passed, both in the current period."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from backend.accounts.models import User
from backend.network.choices import RESERVATION_LEVELS
from backend.plans.worklist import worklist_refs_for_user
from backend.remedies.models import RemedyStatement

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_statement_waiting_and_an_overdue_remedy() -> None:
    call_command("load_demo", stdout=io.StringIO())
    today = timezone.localdate()
    (statement,) = RemedyStatement.objects.select_related("entry__period")
    entry = statement.entry
    assert entry.level in RESERVATION_LEVELS and entry.remedy_due > today
    assert entry.period.start_year <= today.year <= entry.period.end_year
    assert statement.sent_by.username == "tulipan"
    assert statement.attachments.count() == 1
    kraj = User.objects.get(username="kraj")
    overdue = {ref.plan_id for ref in worklist_refs_for_user(user=kraj) if ref.kind == "remedy"}
    assert overdue and entry.pk not in overdue
