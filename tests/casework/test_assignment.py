"""Who owns a case: claim, assign, unassign, in bulk; the owner hears of it once, and the
reminders and escalations go to the owner first."""

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from backend.casework.models import Assignment
from backend.casework.services import opinion_assign, plan_assign, plans_assign_bulk
from backend.machines.opinion_review.states import OpinionState
from backend.machines.plan_review.states import PlanState
from backend.plans.worklist import Cases, worklist_refs_for_user
from notifications.kinds import Kind
from notifications.outbox import outbox_drain
from tests import factories
from tests.helpers import prague, reload
from tests.notifications.conftest import notices, run_at

pytestmark = pytest.mark.django_db
D = dt.date


def test_claim_assign_unassign_log_each_change_and_keep_the_version(
    regional_officer: Any, colleague: Any
) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_DECISION)
    version = plan.version
    plan_assign(plan=plan, assignee=regional_officer, by=regional_officer)
    plan_assign(plan=plan, assignee=regional_officer, by=regional_officer)  # no change
    plan_assign(plan=plan, assignee=colleague, by=regional_officer)
    plan_assign(plan=plan, assignee=None, by=colleague)
    plan = reload(plan)
    assert plan.assignee_id is None
    # A provider editing the plan meanwhile is not refused as stale.
    assert plan.version == version
    log = list(Assignment.objects.filter(plan=plan).values_list("assignee", "assigned_by"))
    assert log == [
        (regional_officer.pk, regional_officer.pk),
        (colleague.pk, regional_officer.pk),
        (None, colleague.pk),
    ]


def test_the_new_owner_is_told_once_and_nobody_else(
    regional_officer: Any, colleague: Any, provider_user: Any
) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_DECISION)
    plan_assign(plan=plan, assignee=colleague, by=regional_officer)
    plan_assign(plan=plan, assignee=regional_officer, by=regional_officer)  # a claim: no notice
    outbox_drain()
    outbox_drain()
    assert notices(kind=Kind.CASE_ASSIGNED) == {(Kind.CASE_ASSIGNED, "kraj2"): 1}


def test_only_the_regional_office_assigns_and_only_to_its_officers(
    regional_officer: Any, municipal_officer: Any, provider_user: Any
) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_DECISION)
    with pytest.raises(PermissionDenied):
        plan_assign(plan=plan, assignee=municipal_officer, by=municipal_officer)
    with pytest.raises(ValidationError) as refused:
        plan_assign(plan=plan, assignee=provider_user, by=regional_officer)
    assert "assignee" in refused.value.message_dict
    draft = factories.plan_in_state(PlanState.DRAFT)
    with pytest.raises(ValidationError):
        plan_assign(plan=draft, assignee=regional_officer, by=regional_officer)
    assert reload(plan).assignee_id is None


def test_bulk_assignment_is_all_or_nothing(regional_officer: Any, colleague: Any) -> None:
    plans = [factories.plan_in_state(PlanState.AWAITING_DECISION) for _ in range(3)]
    draft = factories.plan_in_state(PlanState.DRAFT)
    with pytest.raises(ValidationError):
        plans_assign_bulk(
            plan_ids=[p.pk for p in plans] + [draft.pk], assignee=colleague, by=regional_officer
        )
    assert not Assignment.objects.exists()
    changed = plans_assign_bulk(
        plan_ids=[p.pk for p in plans], assignee=colleague, by=regional_officer
    )
    assert changed == 3
    assert {reload(p).assignee_id for p in plans} == {colleague.pk}


def test_an_opinion_is_assigned_within_its_municipality(
    municipal_officer: Any, liberec_colleague: Any, tanvald_officer: Any
) -> None:
    opinion = factories.opinion_in_state(OpinionState.REQUESTED)
    with pytest.raises(PermissionDenied):
        opinion_assign(opinion=opinion, assignee=tanvald_officer, by=tanvald_officer)
    with pytest.raises(ValidationError):
        opinion_assign(opinion=opinion, assignee=tanvald_officer, by=municipal_officer)
    opinion_assign(opinion=opinion, assignee=liberec_colleague, by=municipal_officer)
    assert reload(opinion).assignee_id == liberec_colleague.pk


def test_the_inbox_shows_own_and_unassigned_cases_not_a_colleagues(
    regional_officer: Any, colleague: Any
) -> None:
    mine, theirs, nobodys = (factories.plan_in_state(PlanState.AWAITING_DECISION) for _ in "abc")
    plan_assign(plan=mine, assignee=regional_officer, by=regional_officer)
    plan_assign(plan=theirs, assignee=colleague, by=regional_officer)

    def decisions(cases: str) -> set[int]:
        refs = worklist_refs_for_user(user=reload(regional_officer), cases=cases)
        return {ref.plan_id for ref in refs if ref.kind == "decide"}

    assert decisions(Cases.ALL) == {mine.pk, nobodys.pk}
    assert decisions(Cases.MINE) == {mine.pk}
    assert decisions(Cases.UNASSIGNED) == {nobodys.pk}


def test_reminders_go_to_the_owner_first(municipal_officer: Any, liberec_colleague: Any) -> None:
    owned = factories.opinion_in_state(OpinionState.REQUESTED, due_date=D(2026, 4, 14))
    unowned = factories.opinion_in_state(OpinionState.REQUESTED, due_date=D(2026, 4, 14))
    opinion_assign(opinion=owned, assignee=liberec_colleague, by=municipal_officer)
    run_at(prague(2026, 4, 7, 6))
    assert notices(kind=Kind.OPINION_REMINDER, object_id=owned.pk) == {
        (Kind.OPINION_REMINDER, "liberec2"): 1
    }
    assert notices(kind=Kind.OPINION_REMINDER, object_id=unowned.pk) == {
        (Kind.OPINION_REMINDER, "liberec"): 1,
        (Kind.OPINION_REMINDER, "liberec2"): 1,
    }


def test_an_escalation_goes_to_the_plans_owner(
    regional_officer: Any, colleague: Any, municipal_officer: Any
) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_OPINION)
    factories.opinion_in_state(OpinionState.REQUESTED, plan=plan, due_date=D(2026, 4, 7))
    plan_assign(plan=plan, assignee=colleague, by=regional_officer)
    run_at(prague(2026, 4, 8))
    assert notices(kind=Kind.ESCALATION) == {(Kind.ESCALATION, "kraj2"): 1}


def test_an_answer_in_a_thread_goes_to_the_plans_owner(
    regional_officer: Any, colleague: Any, provider_user: Any, service: Any
) -> None:
    from backend.clarifications.services import message_post

    plan = factories.plan_in_state(PlanState.AWAITING_OPINION, service=service)
    plan_assign(plan=plan, assignee=colleague, by=regional_officer)
    message_post(plan=plan, by=provider_user, audience="provider", body="Doplníme do pátku.")
    outbox_drain()
    assert notices(kind=Kind.MESSAGE_POSTED) == {(Kind.MESSAGE_POSTED, "kraj2"): 1}
