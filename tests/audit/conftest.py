"""Fixtures of the audit tests: one record of each append-only kind."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import models
from django.utils import timezone
from django_fsm_log.models import StateLog

from backend.audit.models import AttachmentAccess
from backend.audit.services import access_record
from backend.retention.models import RetentionRun
from backend.retention.purge import retention_purge
from tests.api.conftest import client_for  # noqa: F401
from tests.helpers import state_logs
from tests.web.conftest import client_as, make_opinion, make_plan  # noqa: F401
from workflows.deadlines import plan_extend_deadline
from workflows.models import DeadlineChange
from workflows.plan_review.actions import plan_withdraw


@pytest.fixture
def superuser(db: None) -> Any:
    from backend.accounts.models import User

    return User.objects.create_superuser("root", "root@kraj-lbc.example", "x" * 16)


@pytest.fixture
def audit_records(
    make_plan: Callable[..., Any],  # noqa: F811
    provider_user: Any,
    regional_officer: Any,
) -> dict[str, models.Model]:
    """One row of each append-only table: the transition log, a deadline change, a field
    history row, an access log row and a retention run."""
    returned = make_plan("returned")
    change = plan_extend_deadline(
        plan=returned, by=regional_officer, reason="Nemoc statutára.", working_days=3
    )[0]
    withdrawn = plan_withdraw(plan=make_plan("draft"), by=provider_user, comment="Stahujeme.")
    log = state_logs(withdrawn).get()
    access = access_record(user=provider_user, plan_id=withdrawn.pk, filename="rozpocet.pdf")
    history = withdrawn.history.first()
    assert isinstance(log, StateLog) and isinstance(change, DeadlineChange)
    assert isinstance(access, AttachmentAccess)
    run = retention_purge(now=timezone.now(), dry_run=True)
    retention_run = RetentionRun.objects.get(as_of=run.now)
    return {
        "state log": log,
        "deadline change": change,
        "history": history,
        "access": access,
        "retention run": retention_run,
    }
