"""Stop-the-clock and extensions: deadlines move only through `workflows/deadlines.py`, each
move audited with its cause and reason and announced through the outbox."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError

from backend.core.deadlines import add_working_days
from backend.core.free_text import SHORT_TEXT
from backend.events.models import Event
from backend.machines.errors import TransitionConflict, TransitionForbidden
from backend.machines.opinion_review.states import OpinionState
from backend.machines.plan_review.states import PlanState
from backend.plans.deadlines import opinion_deadline_for, plan_deadline_list
from tests import factories
from tests.helpers import prague, reload
from workflows.deadlines import opinion_extend_deadline, plan_extend_deadline
from workflows.models import DeadlineCause, DeadlineChange
from workflows.opinion_review.actions import opinion_expire, opinion_send_to_council
from workflows.plan_review.actions import plan_resubmit, plan_return_for_completion

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def plan(service: Any) -> Any:
    return factories.plan_in_state(PlanState.AWAITING_OPINION, service=service)


@pytest.fixture
def opinion(plan: Any) -> Any:
    return factories.opinion_in_state(OpinionState.REQUESTED, plan=plan, due_date=D(2026, 4, 17))


def test_the_clock_stops_while_the_plan_is_with_its_provider(
    plan: Any, opinion: Any, provider_user: Any, regional_officer: Any
) -> None:
    with time_machine.travel(prague(2026, 4, 13, 10), tick=False):  # Monday
        plan_return_for_completion(
            plan=plan, by=regional_officer, reason="Doložte rozpočet.", due=D(2026, 4, 30)
        )
    # Past the opinion deadline, but the plan is with the provider: no expiry.
    with (
        time_machine.travel(prague(2026, 4, 21, 10), tick=False),
        pytest.raises(TransitionConflict) as refused,
    ):
        opinion_expire(opinion=opinion)
    assert "suspended" in refused.value.reasons[0]
    with time_machine.travel(prague(2026, 4, 23, 15), tick=False):  # Thursday
        plan_resubmit(plan=plan, by=provider_user, comment="Rozpočet doložen.")
    # 14, 15, 16, 17, 20, 21, 22, 23 April: 8 working days with the provider.
    assert reload(opinion).due_date == D(2026, 4, 29)
    assert reload(plan).clock_suspended_days == 8
    (change,) = DeadlineChange.objects.all()
    assert (change.cause, change.field, change.old_date, change.new_date) == (
        DeadlineCause.CLOCK_STOPPED,
        "due_date",
        D(2026, 4, 17),
        D(2026, 4, 29),
    )
    assert (change.working_days, change.changed_by, change.opinion) == (8, None, opinion)
    assert "8 working day(s)" in change.reason and "13 Apr 2026" in change.reason
    (event,) = Event.objects.filter(kind="deadlinechange.change")
    assert (event.source_state, event.target_state) == ("2026-04-17", "2026-04-29")


def test_opinions_requested_after_a_return_get_the_moved_deadline(plan: Any) -> None:
    """An ORP added on resubmission is asked with the call's deadline moved on by the time
    the plan has spent with its provider."""
    plan.clock_suspended_days = 3
    plan.save()
    assert opinion_deadline_for(reload(plan)) == add_working_days(plan.call.opinion_deadline, 3)


def test_the_council_deadline_is_set_when_the_opinion_goes_to_the_council(
    plan: Any, municipal_officer: Any
) -> None:
    opinion = factories.opinion_in_state(OpinionState.DRAFTED, plan=plan, needs_council=True)
    opinion_send_to_council(opinion=opinion, by=municipal_officer)
    opinion = reload(opinion)
    assert opinion.council_due == plan.call.council_deadline
    assert opinion.current_deadline == opinion.council_due


def test_the_region_extends_an_opinion_deadline_by_working_days(
    opinion: Any, regional_officer: Any
) -> None:
    change = opinion_extend_deadline(
        opinion=opinion, by=regional_officer, working_days=5, reason="Zasedání rady 27. 4."
    )
    # 20, 21, 22, 23, 24 April.
    assert reload(opinion).due_date == D(2026, 4, 24)
    assert (change.cause, change.changed_by, change.working_days) == (
        DeadlineCause.EXTENSION,
        regional_officer,
        5,
    )


def test_the_region_extends_every_open_opinion_of_a_plan_to_a_date(
    plan: Any, opinion: Any, tanvald: Any, regional_officer: Any
) -> None:
    other = factories.opinion_in_state(
        OpinionState.DRAFTED, plan=plan, municipality=tanvald, due_date=D(2026, 4, 17)
    )
    changes = plan_extend_deadline(
        plan=plan, by=regional_officer, until=D(2026, 5, 15), reason="Prázdniny obcí."
    )
    assert len(changes) == 2
    assert {reload(opinion).due_date, reload(other).due_date} == {D(2026, 5, 15)}


def test_the_region_extends_a_completion_deadline(service: Any, regional_officer: Any) -> None:
    returned = factories.plan_in_state(
        PlanState.RETURNED, service=service, completion_due=D(2026, 4, 17)
    )
    plan_extend_deadline(
        plan=returned, by=regional_officer, working_days=3, reason="Žádost poskytovatele."
    )
    assert reload(returned).completion_due == D(2026, 4, 22)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"until": D(2026, 4, 10), "reason": "x"}, "until"),  # earlier than the deadline
        ({"until": D(2026, 4, 17), "reason": "x"}, "until"),  # the same day
        ({"working_days": 0, "reason": "x"}, "working_days"),
        ({"until": D(2026, 5, 1), "working_days": 2, "reason": "x"}, "until"),
        ({"working_days": 2, "reason": "  "}, "reason"),
        ({"working_days": 2, "reason": "r" * (SHORT_TEXT + 1)}, "reason"),  # a pasted file
    ],
)
def test_an_extension_must_move_the_deadline_later_and_say_why(
    opinion: Any, regional_officer: Any, kwargs: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        opinion_extend_deadline(opinion=opinion, by=regional_officer, **kwargs)
    assert field in refused.value.message_dict
    assert reload(opinion).due_date == D(2026, 4, 17)
    assert not DeadlineChange.objects.exists()


@pytest.mark.parametrize("who", ["provider_user", "municipal_officer", "stranger"])
def test_only_the_regional_office_extends(
    request: pytest.FixtureRequest, opinion: Any, who: str
) -> None:
    with pytest.raises(TransitionForbidden):
        opinion_extend_deadline(
            opinion=opinion, by=request.getfixturevalue(who), working_days=5, reason="Prosím."
        )


def test_nothing_to_extend_on_a_decided_plan(service: Any, regional_officer: Any) -> None:
    decided = factories.plan_in_state(PlanState.INCLUDED, service=service)
    with pytest.raises(TransitionConflict):
        plan_extend_deadline(plan=decided, by=regional_officer, working_days=5, reason="x")


def test_every_running_deadline_is_listed_with_the_working_days_left(
    plan: Any, opinion: Any
) -> None:
    listed = plan_deadline_list(plan=plan, today=D(2026, 4, 14))
    assert [(d.what, d.info.date, d.info.label) for d in listed] == [
        ("Opinion of Liberec by", D(2026, 4, 17), "3 working days left"),
        ("Decision by", plan.call.decision_date, listed[1].info.label),
    ]
