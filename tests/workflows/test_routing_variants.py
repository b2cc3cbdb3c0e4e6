"""Each opinion-routing variant a call can choose, as one row of a table: the plan, its
territory and the call's switches in, the opinions requested (municipality, role) out."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest

from backend.calls.choices import OpinionRouting
from backend.machines.errors import TransitionConflict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState
from backend.plans.choices import OpinionRole
from backend.registry.models import Municipality
from tests import factories
from tests.helpers import reload
from workflows.plan_review.actions import (
    plan_decide,
    plan_resubmit,
    plan_return_for_completion,
    plan_submit,
)

ORP, TOWN = OpinionRole.ORP, OpinionRole.MUNICIPALITY
DECREASE = {
    "kind": PlanKind.CAPACITY_DECREASE,
    "capacity_current": Decimal(15),
    "capacity_requested": Decimal(12),
}


@dataclass(frozen=True)
class Variant:
    routing: str
    orps: tuple[str, ...]  # ORP codes of the plan's territory
    municipalities: tuple[str, ...]  # municipalities of the plan's territory
    expected: set[tuple[str, str]]  # (municipality, role) asked for an opinion
    state: str = PlanState.AWAITING_OPINION
    call: dict[str, Any] = field(default_factory=dict)
    plan: dict[str, Any] = field(default_factory=dict)


VARIANTS = {
    "orp-seat": Variant(
        OpinionRouting.ORP_SEAT,
        orps=("5105", "5108"),
        municipalities=("Desná",),
        expected={("Liberec", ORP), ("Tanvald", ORP)},
    ),
    "every-municipality": Variant(
        OpinionRouting.TERRITORY,
        orps=("5108",),
        municipalities=("Tanvald", "Desná", "Smržovka"),
        expected={("Tanvald", TOWN), ("Desná", TOWN), ("Smržovka", TOWN)},
    ),
    "orp-and-municipality-separately": Variant(
        OpinionRouting.ORP_AND_MUNICIPALITY,
        orps=("5108",),
        municipalities=("Tanvald", "Desná"),
        # Tanvald gives two documents: one as the ORP, one for itself.
        expected={("Tanvald", ORP), ("Tanvald", TOWN), ("Desná", TOWN)},
    ),
    "no-opinion-for-a-decrease": Variant(
        OpinionRouting.ORP_SEAT,
        orps=("5105",),
        municipalities=(),
        expected=set(),
        state=PlanState.AWAITING_DECISION,
        plan=DECREASE,
    ),
    "opinion-for-a-decrease-where-the-call-says-so": Variant(
        OpinionRouting.TERRITORY,
        orps=("5108",),
        municipalities=("Desná",),
        expected={("Desná", TOWN)},
        call={"decrease_needs_opinion": True},
        plan=DECREASE,
    ),
}


def _municipality(name: str) -> Municipality:
    return Municipality.objects.get(name=name)


def _plan(variant: Variant, service: Any) -> Any:
    call = factories.CallFactory(open=True, opinion_routing=variant.routing, **variant.call)
    plan = factories.DevelopmentPlanFactory(
        call=call,
        service=service,
        orps=[factories.orp(code) for code in variant.orps],
        **variant.plan,
    )
    plan.municipalities.set([_municipality(name) for name in variant.municipalities])
    return plan


def _asked(plan: Any) -> set[tuple[str, str]]:
    return {(o.municipality.name, o.role) for o in plan.opinions.select_related("municipality")}


@pytest.mark.parametrize("variant", VARIANTS.values(), ids=VARIANTS.keys())
def test_the_call_routes_the_plan_to(variant: Variant, service: Any, provider_user: Any) -> None:
    plan = _plan(variant, service)
    plan_submit(plan=plan, by=provider_user)
    plan = reload(plan)
    assert plan.state == variant.state
    assert _asked(plan) == variant.expected
    assert all(o.due_date == plan.call.opinion_deadline for o in plan.opinions.all())


@pytest.mark.parametrize("routing", [OpinionRouting.TERRITORY, OpinionRouting.ORP_AND_MUNICIPALITY])
def test_a_municipal_routing_needs_the_municipalities_named(
    routing: str, service: Any, provider_user: Any
) -> None:
    variant = Variant(routing, orps=("5108",), municipalities=(), expected=set())
    plan = _plan(variant, service)
    with pytest.raises(TransitionConflict) as caught:
        plan_submit(plan=plan, by=provider_user)
    assert "territory (municipalities)" in caught.value.reasons[0]
    assert reload(plan).state == PlanState.DRAFT
    assert not plan.opinions.exists()


def test_resubmission_asks_new_municipalities_and_cancels_dropped_ones(
    service: Any, provider_user: Any, regional_officer: Any
) -> None:
    plan = _plan(VARIANTS["every-municipality"], service)
    plan_submit(plan=plan, by=provider_user)
    plan_return_for_completion(plan=reload(plan), by=regional_officer, reason="Upřesněte území.")
    plan.municipalities.set([_municipality("Tanvald"), _municipality("Plavy")])
    plan_resubmit(plan=reload(plan), by=provider_user)
    states = {o.municipality.name: o.state for o in reload(plan).opinions.all()}
    assert states == {
        "Tanvald": "requested",
        "Desná": "cancelled",
        "Smržovka": "cancelled",
        "Plavy": "requested",
    }


def test_registration_cutoff_refuses_an_inclusion_of_a_service_registered_later(
    regional_officer: Any,
) -> None:
    call = factories.CallFactory(closed=True, registration_cutoff=dt.date(2025, 6, 30))
    service = factories.SocialServiceFactory(registered_on=dt.date(2025, 7, 1))
    plan = factories.plan_in_state(PlanState.AWAITING_DECISION, call=call, service=service)
    with pytest.raises(TransitionConflict) as caught:
        plan_decide(
            plan=plan,
            by=regional_officer,
            outcome=PlanState.INCLUDED,
            body="regional_council",
            resolution_number="1/26/RK",
            resolution_date=dt.date(2026, 1, 5),
        )
    assert "registered by 30 Jun 2025" in caught.value.reasons[0]
    assert reload(plan).state == PlanState.AWAITING_DECISION
