"""The retention purge: what is past its period goes, what is within it stays, the legal
record is untouched; a dry run changes nothing and counts the same; a second run is a no-op."""

from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.forms.models import model_to_dict

from backend.accounts.services import user_deactivation_stamp
from backend.audit.models import AttachmentAccess
from backend.audit.personal_data import ERASED_PREFIX
from backend.network.models import NetworkEntry
from backend.plans.models import DevelopmentPlan, PlanAttachment, RegionalDecision
from backend.retention.models import RetentionRun
from backend.retention.purge import retention_purge
from notifications.models import Notification
from tests.helpers import reload
from tests.retention.conftest import DAY, NOW

pytestmark = pytest.mark.django_db

EXPECTED = {
    "notifications": 1,
    "login_records": 3,
    "plan_attachment_files": 2,
    "accounts": 1,
    "access_log_due": 0,
}


def _snapshot() -> dict[str, Any]:
    """Everything a purge may change, to compare before and after."""
    return {
        "users": list(get_user_model().objects.order_by("pk").values()),
        "notifications": list(Notification.objects.order_by("pk").values()),
        "axes": [
            list(model.objects.order_by("pk").values())
            for model in (AccessAttempt, AccessFailureLog, AccessLog)
        ],
        "attachments": list(PlanAttachment.objects.order_by("pk").values()),
        "plans": list(DevelopmentPlan.objects.order_by("pk").values()),
        "decisions": list(RegionalDecision.objects.order_by("pk").values()),
        "register": [model_to_dict(e) for e in NetworkEntry.objects.order_by("pk")],
    }


def test_what_is_past_its_period_goes_and_the_rest_stays(past_and_within: dict[str, Any]) -> None:
    data = past_and_within
    report = retention_purge(now=NOW, dry_run=False)
    assert report.counts == EXPECTED
    # The account deactivated 2 years + 1 day ago is anonymised by the GDPR erasure …
    old = reload(data["old_user"])
    assert old.username == f"{ERASED_PREFIX}{old.pk}"
    assert (old.first_name, old.last_name, old.email) == ("", "", "")
    assert not old.has_usable_password()
    # … with its own inbox and login records, whatever their age; 2 years − 1 day: kept.
    assert not Notification.objects.filter(recipient=old).exists()
    assert not AccessLog.objects.filter(username="gone").exists()
    assert reload(data["recent_user"]).username == "left"
    assert reload(data["active_user"]).email
    # Notifications and login records by age.
    assert list(
        Notification.objects.filter(recipient=data["reader"]).values_list("occasion", flat=True)
    ) == ["recent"]
    assert set(AccessLog.objects.values_list("username", flat=True)) == {"reader"}
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"reader"}
    assert set(AccessFailureLog.objects.values_list("username", flat=True)) == {"reader"}


def test_files_of_plans_ended_without_inclusion_go_the_record_stays(
    past_and_within: dict[str, Any], settings: Any
) -> None:
    data = past_and_within
    paths = {a.pk: settings.MEDIA_ROOT / a.file.name for a in data["purged"] + data["kept"]}
    before = _snapshot()
    retention_purge(now=NOW, dry_run=False)
    for purged in data["purged"]:
        row = reload(purged)
        assert not paths[row.pk].exists()
        assert (row.file.name, row.purged_at) == ("", NOW)
        # What was filed is still on record: name, kind, size.
        assert (row.original_name, row.kind, row.size) == (
            purged.original_name,
            purged.kind,
            purged.size,
        )
    for kept in data["kept"]:
        row = reload(kept)
        assert paths[row.pk].exists() and row.file.name == kept.file.name
        assert row.purged_at is None
    after = _snapshot()
    # The plans, their decisions and the register are not touched.
    for key in ("plans", "decisions", "register"):
        assert after[key] == before[key]
    assert RegionalDecision.objects.filter(plan=data["not_included"]).exists()


def test_a_dry_run_changes_nothing_and_counts_the_same(past_and_within: dict[str, Any]) -> None:
    before = _snapshot()
    dry = retention_purge(now=NOW, dry_run=True)
    assert _snapshot() == before
    assert dry.counts == EXPECTED
    assert retention_purge(now=NOW, dry_run=False).counts == dry.counts


def test_a_second_run_finds_nothing(past_and_within: dict[str, Any]) -> None:
    retention_purge(now=NOW, dry_run=False)
    after_first = _snapshot()
    second = retention_purge(now=NOW, dry_run=False)
    assert second.counts == dict.fromkeys(EXPECTED, 0)
    assert second.changed == 0
    assert _snapshot() == after_first


def test_every_run_is_recorded_and_logged(
    past_and_within: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("INFO", logger="backend.retention"):
        retention_purge(now=NOW, dry_run=True)
        retention_purge(now=NOW, dry_run=False)
    runs = list(RetentionRun.objects.order_by("pk").values_list("dry_run", "as_of", "counts"))
    assert runs == [(True, NOW, EXPECTED), (False, NOW, EXPECTED)]
    summaries = [
        r.getMessage() for r in caplog.records if r.getMessage().startswith("retention purge")
    ]
    assert len(summaries) == 2 and "(dry run)" in summaries[0]
    assert "plan_attachment_files=2" in summaries[1] and "accounts=1" in summaries[1]
    assert any("anonymised account" in r.getMessage() for r in caplog.records)


def test_a_period_of_zero_switches_a_category_off(
    past_and_within: dict[str, Any], settings: Any
) -> None:
    settings.RETENTION_DEACTIVATED_ACCOUNT_DAYS = 0
    settings.RETENTION_ENDED_PLAN_ATTACHMENT_DAYS = 0
    report = retention_purge(now=NOW, dry_run=False)
    assert report.counts["accounts"] == report.counts["plan_attachment_files"] == 0
    assert reload(past_and_within["old_user"]).username == "gone"


def test_the_access_log_is_counted_for_the_operator_not_deleted(
    past_and_within: dict[str, Any],
) -> None:
    plan = past_and_within["not_included"]
    old = AttachmentAccess.objects.create(
        accessed_at=NOW - 1826 * DAY, plan_id=plan.pk, kind="attachment", filename="x.pdf"
    )
    AttachmentAccess.objects.create(
        accessed_at=NOW - 1824 * DAY, plan_id=plan.pk, kind="attachment", filename="y.pdf"
    )
    assert retention_purge(now=NOW, dry_run=False).counts["access_log_due"] == 1
    assert AttachmentAccess.objects.filter(pk=old.pk).exists()


def test_deactivation_is_stamped_and_cleared(db: None) -> None:
    user = get_user_model()(username="x", is_active=False)
    user_deactivation_stamp(user=user)
    stamped = user.deactivated_at
    assert stamped is not None
    user_deactivation_stamp(user=user)  # still inactive: the first moment counts
    assert user.deactivated_at == stamped
    user.is_active = True
    user_deactivation_stamp(user=user)
    assert user.deactivated_at is None
