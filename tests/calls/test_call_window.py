"""The call's submission window (Europe/Prague), its life (open → close → finish) and the
deadlines it derives from working days."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from backend.accounts.models import Role
from backend.calls.models import Call
from backend.core.deadlines import end_of_day
from backend.machines.call_lifecycle.states import CallState
from backend.machines.errors import TransitionConflict, TransitionForbidden
from backend.machines.plan_review.states import PlanState
from backend.registry.models import Region
from tests import factories
from tests.helpers import prague, reload
from workflows.call_lifecycle.actions import call_close, call_finish, call_open
from workflows.plan_review.actions import plan_submit

pytestmark = pytest.mark.django_db

SECOND = dt.timedelta(seconds=1)


def _call(opens: dt.datetime, closes: dt.datetime, **fields: object) -> Call:
    return factories.CallFactory(opens_at=opens, closes_at=closes, **fields)


@pytest.fixture
def dst_call() -> Call:
    """An open call whose last day is 26 Oct 2025, the day clocks go back (CEST → CET)."""
    return _call(
        prague(2025, 10, 13, 8), end_of_day(dt.date(2025, 10, 26)), open=True, name="Výzva DST"
    )


class TestAcceptsSubmissions:
    @pytest.fixture
    def call(self) -> Call:
        return _call(prague(2017, 7, 31), end_of_day(dt.date(2017, 8, 4)))

    def test_planned_call_accepts_exactly_within_its_window(self, call: Call) -> None:
        assert not call.accepts_submissions(call.opens_at - SECOND)
        assert call.accepts_submissions(call.opens_at)
        assert call.accepts_submissions(call.closes_at)
        assert call.accepts_submissions(call.closes_at - SECOND)
        assert not call.accepts_submissions(call.closes_at + SECOND)

    def test_open_call_accepts_until_it_closes_even_if_opened_early(self) -> None:
        call = _call(prague(2017, 7, 31), end_of_day(dt.date(2017, 8, 4)), open=True)
        assert call.accepts_submissions(call.opens_at - dt.timedelta(days=3))
        assert call.accepts_submissions(call.closes_at)
        assert not call.accepts_submissions(call.closes_at + SECOND)

    @pytest.mark.parametrize("state", [CallState.CLOSED, CallState.FINISHED])
    def test_closed_or_finished_call_accepts_nothing(self, state: str) -> None:
        call = _call(prague(2017, 7, 31), end_of_day(dt.date(2017, 8, 4)), state=state)
        assert not call.accepts_submissions(prague(2017, 8, 2, 12))

    def test_2017_call_closes_at_midnight_prague_time(self, call: Call) -> None:
        # 4 Aug 2017 is summer time: the window ends at 21:59:59.999999 UTC.
        assert call.accepts_submissions(dt.datetime(2017, 8, 4, 21, 59, 59, tzinfo=dt.UTC))
        assert not call.accepts_submissions(dt.datetime(2017, 8, 4, 22, 0, 0, tzinfo=dt.UTC))


class TestSubmitAtTheDeadline:
    def test_one_second_before_closing_is_accepted(
        self, dst_call: Call, service: object, provider_user: object
    ) -> None:
        plan = factories.DevelopmentPlanFactory(call=dst_call, service=service)
        moment = dst_call.closes_at - SECOND
        assert moment.utcoffset() == dt.timedelta(hours=1)  # CET after the change
        with time_machine.travel(moment, tick=False):
            plan = plan_submit(plan=plan, by=provider_user)
        assert plan.state == PlanState.AWAITING_OPINION
        assert reload(plan).submitted_at == moment

    def test_one_second_after_closing_is_refused_naming_the_call(
        self, dst_call: Call, service: object, provider_user: object
    ) -> None:
        plan = factories.DevelopmentPlanFactory(call=dst_call, service=service)
        with (
            time_machine.travel(dst_call.closes_at + SECOND, tick=False),
            pytest.raises(TransitionConflict) as caught,
        ):
            plan_submit(plan=plan, by=provider_user)
        assert any("Výzva DST" in reason for reason in caught.value.reasons)
        plan = reload(plan)
        assert plan.state == PlanState.DRAFT
        assert plan.submitted_at is None
        assert not plan.opinions.exists()

    def test_an_hour_after_closing_in_utc_terms_is_still_late(
        self, dst_call: Call, service: object, provider_user: object
    ) -> None:
        # 23:30 UTC on 26 Oct is 00:30 on 27 Oct in Prague (CET): late, although a
        # summer-time offset would still have placed it on the 26th.
        plan = factories.DevelopmentPlanFactory(call=dst_call, service=service)
        with (
            time_machine.travel(dt.datetime(2025, 10, 26, 23, 30, tzinfo=dt.UTC), tick=False),
            pytest.raises(TransitionConflict),
        ):
            plan_submit(plan=plan, by=provider_user)

    def test_spring_dst_day(self, service: object, provider_user: object) -> None:
        call = _call(prague(2025, 3, 17), end_of_day(dt.date(2025, 3, 30)), open=True)
        plan = factories.DevelopmentPlanFactory(call=call, service=service)
        late = factories.DevelopmentPlanFactory(call=call, service=service)
        assert call.closes_at.utcoffset() == dt.timedelta(hours=2)
        with time_machine.travel(call.closes_at - SECOND, tick=False):
            assert plan_submit(plan=plan, by=provider_user).state == PlanState.AWAITING_OPINION
        with (
            time_machine.travel(call.closes_at + SECOND, tick=False),
            pytest.raises(TransitionConflict),
        ):
            plan_submit(plan=late, by=provider_user)

    def test_before_a_planned_call_opens_is_refused(
        self, service: object, provider_user: object
    ) -> None:
        call = _call(prague(2025, 9, 1, 8), prague(2025, 9, 30, 12))
        plan = factories.DevelopmentPlanFactory(call=call, service=service)
        with (
            time_machine.travel(call.opens_at - SECOND, tick=False),
            pytest.raises(TransitionConflict),
        ):
            plan_submit(plan=plan, by=provider_user)
        # A late beat task that has not opened the call yet does not keep plans out.
        with time_machine.travel(call.opens_at, tick=False):
            assert plan_submit(plan=plan, by=provider_user).state == PlanState.AWAITING_OPINION

    def test_a_call_closed_by_hand_refuses_plans_within_its_window(
        self, open_call: Call, service: object, provider_user: object, regional_officer: object
    ) -> None:
        plan = factories.DevelopmentPlanFactory(call=open_call, service=service)
        call_close(call=open_call, by=regional_officer, comment="Uzavřeno předčasně.")
        with pytest.raises(TransitionConflict) as caught:
            plan_submit(plan=plan, by=provider_user)
        assert open_call.name in caught.value.reasons[0]
        assert reload(plan).state == PlanState.DRAFT


class TestCallLifecycle:
    def test_regional_officer_opens_closes_and_finishes(self, regional_officer: object) -> None:
        call = factories.CallFactory()
        assert call.state == CallState.PLANNED
        assert call_open(call=call, by=regional_officer).state == CallState.OPEN
        assert call_close(call=call, by=regional_officer).state == CallState.CLOSED
        assert call_finish(call=call, by=regional_officer).state == CallState.FINISHED
        assert reload(call).state == CallState.FINISHED

    def test_the_scheduler_acts_without_a_user(self) -> None:
        call = factories.CallFactory()
        call_open(call=call)
        call_close(call=call)
        assert reload(call).state == CallState.CLOSED

    def test_a_planned_call_can_be_closed_without_opening(self, regional_officer: object) -> None:
        call = factories.CallFactory()
        assert call_close(call=call, by=regional_officer).state == CallState.CLOSED

    @pytest.mark.parametrize(
        "who",
        [
            "provider_user",
            "municipal_officer",
            "council_secretary",
            "stranger",
            "anonymous",
            "other_region_officer",
        ],
    )
    @pytest.mark.parametrize("action", [call_open, call_close])
    def test_only_the_calls_regional_officer_may_manage_it(
        self, request: pytest.FixtureRequest, who: str, action: object
    ) -> None:
        if who == "other_region_officer":
            other = Region.objects.create(code="CZ052", name="Královéhradecký kraj")
            user = factories.user_with_role(Role.REGIONAL_OFFICER, other)
        else:
            user = request.getfixturevalue(who)
        call = factories.CallFactory()
        with pytest.raises(TransitionForbidden):
            action(call=call, by=user)  # type: ignore[operator]  # a call action (parametrized)
        assert reload(call).state == CallState.PLANNED

    def test_a_call_whose_closing_time_has_passed_cannot_be_opened(
        self, regional_officer: object
    ) -> None:
        call = _call(prague(2017, 7, 31), end_of_day(dt.date(2017, 8, 4)))
        with pytest.raises(TransitionConflict) as caught:
            call_open(call=call, by=regional_officer)
        assert "closing time" in caught.value.reasons[0]
        assert reload(call).state == CallState.PLANNED

    @pytest.mark.parametrize(
        ("state", "action"),
        [
            (CallState.OPEN, call_open),
            (CallState.CLOSED, call_open),
            (CallState.CLOSED, call_close),
            (CallState.FINISHED, call_close),
            (CallState.PLANNED, call_finish),
            (CallState.OPEN, call_finish),
            (CallState.FINISHED, call_finish),
        ],
    )
    def test_wrong_state(self, regional_officer: object, state: str, action: object) -> None:
        call = factories.CallFactory(state=state)
        with pytest.raises(TransitionConflict):
            action(call=call, by=regional_officer)  # type: ignore[operator]  # a call action (parametrized)
        assert reload(call).state == state

    @pytest.mark.parametrize(
        "plan_state",
        [PlanState.AWAITING_OPINION, PlanState.AWAITING_DECISION, PlanState.RETURNED],
    )
    def test_finish_waits_for_every_plan_to_be_settled(
        self, regional_officer: object, plan_state: str
    ) -> None:
        call = factories.CallFactory(closed=True)
        factories.plan_in_state(PlanState.INCLUDED, call=call)
        factories.plan_in_state(plan_state, call=call)
        with pytest.raises(TransitionConflict) as caught:
            call_finish(call=call, by=regional_officer)
        assert "decided, withdrawn or lapsed" in caught.value.reasons[0]
        assert reload(call).state == CallState.CLOSED

    def test_a_draft_never_submitted_does_not_hold_up_the_call(
        self, regional_officer: object
    ) -> None:
        call = factories.CallFactory(closed=True)
        factories.plan_in_state(PlanState.INCLUDED, call=call)
        draft = factories.plan_in_state(PlanState.DRAFT, call=call)
        assert draft.submitted_at is None
        assert call_finish(call=call, by=regional_officer).state == CallState.FINISHED

    def test_finish_when_every_plan_is_settled(self, regional_officer: object) -> None:
        call = factories.CallFactory(closed=True)
        for state in (
            PlanState.INCLUDED,
            PlanState.INCLUDED_WITH_CONDITIONS,
            PlanState.NOT_INCLUDED,
            PlanState.WITHDRAWN,
            PlanState.LAPSED,
        ):
            factories.plan_in_state(state, call=call)
        assert call_finish(call=call, by=regional_officer).state == CallState.FINISHED


class TestDeadlines:
    def test_each_deadline_is_n_working_days_after_the_previous_step(self) -> None:
        # Closes on Wednesday 16 Apr 2025, before Easter.
        call = _call(
            prague(2025, 4, 1),
            end_of_day(dt.date(2025, 4, 16)),
            opinion_deadline_days=3,  # 17, 22, 23 Apr (Good Friday and Easter Monday skipped)
            council_deadline_days=5,  # 24, 25, 28, 29, 30 Apr
            decision_date_days=3,  # 2, 5, 6 May (1 May is a holiday)
        )
        assert call.opinion_deadline == dt.date(2025, 4, 23)
        assert call.council_deadline == dt.date(2025, 4, 30)
        assert call.decision_date == dt.date(2025, 5, 6)

    def test_counting_starts_from_the_prague_closing_date(self) -> None:
        # 00:30 on 27 Oct in Prague is 23:30 UTC on 26 Oct: the closing date is the 27th.
        call = _call(prague(2025, 10, 1), prague(2025, 10, 27, 0, 30), opinion_deadline_days=1)
        assert call.opinion_deadline == dt.date(2025, 10, 29)  # 28 Oct is a holiday

    def test_a_fixed_date_wins_and_later_steps_count_from_it(self) -> None:
        call = _call(
            prague(2017, 7, 31),
            end_of_day(dt.date(2017, 8, 4)),
            opinion_deadline_date=dt.date(2017, 8, 31),
            opinion_deadline_days=None,
            council_deadline_days=10,
            decision_date_fixed=dt.date(2017, 9, 26),
            decision_date_days=None,
        )
        assert call.opinion_deadline == dt.date(2017, 8, 31)
        assert call.council_deadline == dt.date(2017, 9, 14)
        assert call.decision_date == dt.date(2017, 9, 26)

    def test_missing_deadlines_are_none(self) -> None:
        call = _call(
            prague(2017, 7, 31),
            end_of_day(dt.date(2017, 8, 4)),
            opinion_deadline_days=None,
            council_deadline_days=5,
            decision_date_days=None,
        )
        assert call.opinion_deadline is None
        assert call.council_deadline is None
        assert call.decision_date is None

    def test_opinion_requests_get_the_calls_opinion_deadline(
        self, service: object, provider_user: object
    ) -> None:
        call = _call(
            prague(2025, 4, 1), end_of_day(dt.date(2025, 4, 16)), open=True, opinion_deadline_days=3
        )
        plan = factories.DevelopmentPlanFactory(call=call, service=service)
        with time_machine.travel(prague(2025, 4, 16, 10), tick=False):
            plan_submit(plan=plan, by=provider_user)
        assert [o.due_date for o in plan.opinions.all()] == [dt.date(2025, 4, 23)]

    def test_clean_refuses_a_date_and_days_together(self) -> None:
        call = factories.CallFactory.build(
            opinion_deadline_date=dt.date(2025, 5, 1), opinion_deadline_days=3
        )
        with pytest.raises(ValidationError) as caught:
            call.clean()
        assert "opinion_deadline_days" in caught.value.error_dict

    def test_clean_refuses_a_window_closing_before_it_opens(self) -> None:
        call = factories.CallFactory.build(
            opens_at=prague(2025, 5, 2), closes_at=prague(2025, 5, 1)
        )
        with pytest.raises(ValidationError) as caught:
            call.clean()
        assert "closes_at" in caught.value.error_dict
