"""The region's decision and the network register it writes, with the capacity history."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from backend.machines.errors import TransitionConflict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState
from backend.network.models import CapacityChange, NetworkEntry
from backend.plans.choices import DecidingBody
from backend.plans.models import DevelopmentPlan, RegionalDecision
from backend.registry.choices import ServiceForm
from tests import factories
from tests.helpers import reload
from workflows.plan_review.actions import plan_decide

pytestmark = pytest.mark.django_db

P = PlanState


def _decide(plan: DevelopmentPlan, by: Any, outcome: str = P.INCLUDED, **fields: Any) -> Any:
    return plan_decide(
        plan=plan, by=by, outcome=outcome, **{**factories.DECISION_DEFAULTS, **fields}
    )


@pytest.fixture
def plan(service: Any) -> DevelopmentPlan:
    return factories.plan_in_state(P.AWAITING_DECISION, service=service)


def test_included_writes_the_decision_and_the_register(
    plan: DevelopmentPlan, regional_officer: Any, liberec_orp: Any
) -> None:
    decision = _decide(
        plan,
        regional_officer,
        body=DecidingBody.REGIONAL_ASSEMBLY,
        resolution_number="258/17/ZK",
        resolution_date=dt.date(2017, 6, 27),
    )
    plan = reload(plan)
    assert plan.state == P.INCLUDED
    assert plan.decided_at is not None
    assert reload(decision) == plan.decision
    assert (decision.outcome, decision.body, decision.resolution_number) == (
        P.INCLUDED,
        DecidingBody.REGIONAL_ASSEMBLY,
        "258/17/ZK",
    )
    assert decision.resolution_date == dt.date(2017, 6, 27)
    assert decision.decided_by == regional_officer
    assert decision.approved_capacity == plan.capacity_requested  # left empty: as requested

    entry = NetworkEntry.objects.get(service=plan.service, period=plan.call.period)
    assert entry.capacity == Decimal(15)
    assert (entry.unit, entry.form, entry.status) == ("beds", ServiceForm.RESIDENTIAL, P.INCLUDED)
    assert list(entry.orps.all()) == [liberec_orp]
    (change,) = entry.changes.all()
    assert (change.capacity_before, change.capacity_after) == (Decimal(0), Decimal(15))
    assert change.plan == plan
    assert change.recorded_by == regional_officer
    assert "258/17/ZK" in change.reason
    assert "27 Jun 2017" in change.reason


def test_the_region_may_approve_less_than_requested(
    plan: DevelopmentPlan, regional_officer: Any
) -> None:
    decision = _decide(plan, regional_officer, approved_capacity=Decimal(10))
    assert reload(decision).approved_capacity == Decimal(10)
    entry = NetworkEntry.objects.get()
    assert entry.capacity == Decimal(10)
    assert entry.changes.get().capacity_after == Decimal(10)


def test_included_with_conditions_needs_the_conditions(
    plan: DevelopmentPlan, regional_officer: Any
) -> None:
    with pytest.raises(ValidationError) as caught:
        _decide(plan, regional_officer, P.INCLUDED_WITH_CONDITIONS, conditions="  ")
    assert "conditions" in caught.value.error_dict
    assert reload(plan).state == P.AWAITING_DECISION
    assert not RegionalDecision.objects.exists()
    assert not NetworkEntry.objects.exists()


def test_included_with_conditions_puts_them_in_the_register(
    plan: DevelopmentPlan, regional_officer: Any
) -> None:
    decision = _decide(
        plan,
        regional_officer,
        P.INCLUDED_WITH_CONDITIONS,
        conditions="Doložit registraci navýšené kapacity do 31. 3.",
        remedy_due=dt.date(2026, 3, 31),
    )
    assert reload(plan).state == P.INCLUDED_WITH_CONDITIONS
    assert decision.remedy_due == dt.date(2026, 3, 31)
    entry = NetworkEntry.objects.get()
    assert entry.status == P.INCLUDED_WITH_CONDITIONS
    assert entry.conditions == "Doložit registraci navýšené kapacity do 31. 3."


def test_not_included_writes_no_register_entry(
    plan: DevelopmentPlan, regional_officer: Any
) -> None:
    decision = _decide(plan, regional_officer, P.NOT_INCLUDED, approved_capacity=Decimal(15))
    assert reload(plan).state == P.NOT_INCLUDED
    assert decision.outcome == P.NOT_INCLUDED
    assert decision.approved_capacity is None
    assert not NetworkEntry.objects.exists()
    assert not CapacityChange.objects.exists()


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"outcome": P.AWAITING_DECISION}, "outcome"),
        ({"outcome": "approved"}, "outcome"),
        ({"resolution_number": " "}, "resolution_number"),
    ],
)
def test_decision_validation(
    plan: DevelopmentPlan, regional_officer: Any, fields: dict[str, Any], error_field: str
) -> None:
    args = {"outcome": P.INCLUDED, **factories.DECISION_DEFAULTS, **fields}
    with pytest.raises(ValidationError) as caught:
        plan_decide(plan=plan, by=regional_officer, **args)
    assert error_field in caught.value.error_dict
    assert reload(plan).state == P.AWAITING_DECISION


def test_a_plan_is_decided_once(plan: DevelopmentPlan, regional_officer: Any) -> None:
    _decide(plan, regional_officer)
    with pytest.raises(TransitionConflict):
        _decide(reload(plan), regional_officer, P.NOT_INCLUDED)
    assert RegionalDecision.objects.get().outcome == P.INCLUDED


class TestCapacityHistory:
    def test_two_approved_changes_of_the_same_service_in_one_period(
        self, service: Any, regional_officer: Any
    ) -> None:
        period = factories.NetworkPeriodFactory(start_year=2018, end_year=2020)
        entry = factories.NetworkEntryFactory(service=service, period=period, capacity=Decimal(3))
        first = factories.plan_in_state(
            P.AWAITING_DECISION,
            service=service,
            call__period=period,
            capacity_current=Decimal(3),
            capacity_requested=Decimal(15),
        )
        second = factories.plan_in_state(
            P.AWAITING_DECISION,
            service=service,
            call__period=period,
            capacity_current=Decimal(15),
            capacity_requested=Decimal(18),
        )
        _decide(first, regional_officer, resolution_number="258/17/ZK")
        _decide(second, regional_officer, resolution_number="303/18/ZK")

        entry = reload(entry)
        assert NetworkEntry.objects.count() == 1
        assert entry.capacity == Decimal(18)
        history = [
            (c.plan_id, c.capacity_before, c.capacity_after, c.unit) for c in entry.changes.all()
        ]
        assert history == [
            (first.pk, Decimal(3), Decimal(15), "beds"),
            (second.pk, Decimal(15), Decimal(18), "beds"),
        ]
        assert "303/18/ZK" in entry.changes.last().reason

    def test_before_is_the_register_capacity_not_the_plans_claim(
        self, service: Any, regional_officer: Any
    ) -> None:
        period = factories.NetworkPeriodFactory()
        factories.NetworkEntryFactory(service=service, period=period, capacity=Decimal(5))
        plan = factories.plan_in_state(
            P.AWAITING_DECISION, service=service, call__period=period, capacity_current=Decimal(3)
        )
        _decide(plan, regional_officer)
        change = CapacityChange.objects.get()
        assert (change.capacity_before, change.capacity_after) == (Decimal(5), Decimal(15))

    def test_a_decrease_lowers_the_capacity(self, service: Any, regional_officer: Any) -> None:
        period = factories.NetworkPeriodFactory()
        factories.NetworkEntryFactory(service=service, period=period, capacity=Decimal(15))
        plan = factories.plan_in_state(
            P.AWAITING_DECISION,
            service=service,
            call__period=period,
            kind=PlanKind.CAPACITY_DECREASE,
            capacity_current=Decimal(15),
            capacity_requested=Decimal(12),
        )
        _decide(plan, regional_officer)
        assert NetworkEntry.objects.get().capacity == Decimal(12)
        change = CapacityChange.objects.get()
        assert (change.capacity_before, change.capacity_after) == (Decimal(15), Decimal(12))

    def test_each_period_has_its_own_entry(self, service: Any, regional_officer: Any) -> None:
        old = factories.NetworkPeriodFactory(start_year=2018, end_year=2020)
        factories.NetworkEntryFactory(service=service, period=old, capacity=Decimal(3))
        plan = factories.plan_in_state(P.AWAITING_DECISION, service=service)
        _decide(plan, regional_officer)
        assert NetworkEntry.objects.get(period=old).capacity == Decimal(3)
        assert NetworkEntry.objects.get(period=plan.call.period).capacity == Decimal(15)

    def test_territory_is_added_to_the_entry(
        self, service: Any, regional_officer: Any, liberec_orp: Any, tanvald_orp: Any
    ) -> None:
        period = factories.NetworkPeriodFactory()
        factories.NetworkEntryFactory(service=service, period=period, orps=[liberec_orp])
        plan = factories.plan_in_state(
            P.AWAITING_DECISION, service=service, call__period=period, orps=[tanvald_orp]
        )
        _decide(plan, regional_officer)
        assert set(NetworkEntry.objects.get().orps.all()) == {liberec_orp, tanvald_orp}


class TestRegistrationCutoff:
    @pytest.fixture
    def call(self) -> Any:
        return factories.CallFactory(closed=True, registration_cutoff=dt.date(2025, 6, 30))

    @pytest.mark.parametrize(
        "registered_on", [None, dt.date(2025, 7, 1)], ids=["unregistered", "too-late"]
    )
    @pytest.mark.parametrize("outcome", [P.INCLUDED, P.INCLUDED_WITH_CONDITIONS])
    def test_inclusion_needs_registration_by_the_cutoff(
        self, call: Any, regional_officer: Any, registered_on: dt.date | None, outcome: str
    ) -> None:
        service = factories.SocialServiceFactory(registered_on=registered_on)
        plan = factories.plan_in_state(P.AWAITING_DECISION, call=call, service=service)
        with pytest.raises(TransitionConflict) as caught:
            _decide(plan, regional_officer, outcome, conditions="Podmínka.")
        assert "registered by" in caught.value.reasons[0]
        assert reload(plan).state == P.AWAITING_DECISION
        assert not RegionalDecision.objects.exists()
        assert not NetworkEntry.objects.exists()

    def test_registered_on_the_cutoff_day_is_in_time(
        self, call: Any, regional_officer: Any
    ) -> None:
        service = factories.SocialServiceFactory(registered_on=dt.date(2025, 6, 30))
        plan = factories.plan_in_state(P.AWAITING_DECISION, call=call, service=service)
        _decide(plan, regional_officer)
        assert reload(plan).state == P.INCLUDED

    def test_not_including_an_unregistered_service_is_allowed(
        self, call: Any, regional_officer: Any
    ) -> None:
        service = factories.SocialServiceFactory(registered_on=None)
        plan = factories.plan_in_state(P.AWAITING_DECISION, call=call, service=service)
        _decide(plan, regional_officer, P.NOT_INCLUDED)
        assert reload(plan).state == P.NOT_INCLUDED

    def test_no_cutoff_no_check(self, regional_officer: Any) -> None:
        service = factories.SocialServiceFactory(registered_on=None, registration_number=None)
        plan = factories.plan_in_state(P.AWAITING_DECISION, service=service)
        _decide(plan, regional_officer)
        assert reload(plan).state == P.INCLUDED
