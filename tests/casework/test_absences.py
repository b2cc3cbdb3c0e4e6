"""Absences: the substitute gets the officer's tasks and notices, and what they do on the
officer's cases is logged on the officer's behalf."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from backend.accounts.absences import absence_end, absence_record, substitutes_on
from backend.accounts.models import Absence
from backend.casework.services import plan_assign
from backend.events.models import Event
from backend.machines.plan_review.states import PlanState
from backend.plans.worklist import Cases, worklist_refs_for_user
from backend.timeline.selectors import plan_timeline
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.outbox import outbox_drain
from tests import factories
from tests.helpers import prague, reload
from tests.notifications.conftest import notices
from workflows.plan_review.actions import plan_return_for_completion

pytestmark = pytest.mark.django_db
TODAY = prague(2026, 4, 7, 9)
D = dt.date


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def _away(officer: Any, substitute: Any, days: int = 5) -> Absence:
    return absence_record(
        user=officer,
        substitute=substitute,
        starts_on=D(2026, 4, 7),
        ends_on=D(2026, 4, 7) + dt.timedelta(days=days),
        by=officer,
    )


def test_an_absence_is_checked_before_it_is_recorded(
    regional_officer: Any, colleague: Any, municipal_officer: Any
) -> None:
    with pytest.raises(ValidationError) as refused:
        absence_record(
            user=regional_officer,
            substitute=municipal_officer,  # not a colleague in the same office and role
            starts_on=D(2026, 4, 10),
            ends_on=D(2026, 4, 8),  # before it starts
            by=regional_officer,
        )
    assert set(refused.value.message_dict) == {"substitute", "ends_on"}
    with pytest.raises(ValidationError):
        absence_record(
            user=regional_officer,
            substitute=colleague,
            starts_on=D(2026, 3, 1),
            ends_on=D(2026, 3, 5),  # wholly past
            by=regional_officer,
        )
    with pytest.raises(PermissionDenied):
        absence_record(
            user=regional_officer,
            substitute=colleague,
            starts_on=D(2026, 4, 8),
            ends_on=D(2026, 4, 9),
            by=colleague,
        )
    _away(regional_officer, colleague)
    with pytest.raises(ValidationError) as overlap:
        _away(regional_officer, colleague, days=1)
    assert "starts_on" in overlap.value.message_dict
    assert Absence.objects.count() == 1


def test_ending_an_absence_early(regional_officer: Any, colleague: Any) -> None:
    started = absence_record(
        user=regional_officer,
        substitute=colleague,
        starts_on=D(2026, 4, 1),
        ends_on=D(2026, 4, 20),
        by=regional_officer,
    )
    absence_end(absence=started, by=regional_officer)
    assert reload(started).ends_on == D(2026, 4, 6)  # yesterday: today they are back
    assert substitutes_on(D(2026, 4, 7)) == {}
    planned = _away(regional_officer, colleague)
    with pytest.raises(PermissionDenied):
        absence_end(absence=planned, by=colleague)
    absence_end(absence=planned, by=regional_officer)
    assert not Absence.objects.filter(pk=planned.pk).exists()  # not started: removed


def test_the_substitute_gets_the_officers_tasks(regional_officer: Any, colleague: Any) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_DECISION)
    plan_assign(plan=plan, assignee=regional_officer, by=regional_officer)

    def decisions(user: Any, cases: str = Cases.ALL) -> set[int]:
        refs = worklist_refs_for_user(user=reload(user), cases=cases)
        return {ref.plan_id for ref in refs if ref.kind == "decide"}

    assert decisions(colleague) == set()
    _away(regional_officer, colleague)
    assert decisions(colleague, Cases.MINE) == {plan.pk}
    with time_machine.travel(prague(2026, 4, 13, 9), tick=False):  # the absence is over
        assert decisions(colleague) == set()


def test_the_substitute_gets_a_copy_of_each_notice_once(
    regional_officer: Any, colleague: Any, provider_user: Any
) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_OPINION)
    factories.opinion_in_state("requested", plan=plan, due_date=D(2026, 4, 6))
    other = factories.user_with_role("regional_officer", reload(plan).call.region)
    plan_assign(plan=plan, assignee=regional_officer, by=other)
    _away(regional_officer, colleague)
    outbox_drain()
    outbox_drain()
    assert notices(kind=Kind.CASE_ASSIGNED) == {
        (Kind.CASE_ASSIGNED, "kraj"): 1,
        (Kind.CASE_ASSIGNED, "kraj2"): 1,
    }
    copy = Notification.objects.get(kind=Kind.CASE_ASSIGNED, recipient=colleague)
    assert copy.context["substitute_for"] == regional_officer.get_full_name()


def test_a_substitutes_transition_is_logged_on_the_officers_behalf(
    regional_officer: Any, colleague: Any
) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_OPINION)
    factories.opinion_in_state("requested", plan=plan)
    plan_assign(plan=plan, assignee=regional_officer, by=regional_officer)
    _away(regional_officer, colleague)
    plan_return_for_completion(plan=reload(plan), by=colleague, reason="Doložte rozpočet.")
    event = Event.objects.get(transition="return_for_completion")
    assert (event.actor_id, event.on_behalf_of_id) == (colleague.pk, regional_officer.pk)
    (entry,) = [e for e in plan_timeline(plan=reload(plan), user=colleague) if e.transition]
    assert entry.who_name == (
        f"{colleague.get_full_name()} on behalf of {regional_officer.get_full_name()}"
    )


def test_the_owners_own_transition_is_not_on_anyones_behalf(
    regional_officer: Any, colleague: Any
) -> None:
    plan = factories.plan_in_state(PlanState.AWAITING_OPINION)
    factories.opinion_in_state("requested", plan=plan)
    plan_assign(plan=plan, assignee=regional_officer, by=regional_officer)
    plan_return_for_completion(plan=reload(plan), by=colleague, reason="Doložte rozpočet.")
    # The colleague is not a substitute (nobody is absent): acting is not "on behalf".
    assert Event.objects.get(transition="return_for_completion").on_behalf_of_id is None
