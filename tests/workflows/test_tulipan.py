"""The real 2017 case, end to end through the actions, on its historical dates.

Call 31 Jul – 4 Aug 2017 for the network 2018–2020. Sdružení TULIPAN, z. s. (IČ 26672472)
runs sheltered housing (chráněné bydlení, § 51, registration no. 8533092) in Liberec: its
inclusion with 3 beds, then the extension 3 → 15 beds, which the City of Liberec supports and
its council approves by resolution 827/2017 of 29 Aug 2017; the region includes both.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from backend.calls.models import Call
from backend.core.deadlines import end_of_day
from backend.machines.errors import TransitionConflict
from backend.machines.opinion_review.states import OpinionState, Verdict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState
from backend.network.models import NetworkEntry
from backend.plans.choices import DecidingBody, ResolutionOutcome
from backend.plans.services import plan_create
from backend.registry.choices import ServiceForm
from backend.registry.models import Provider, SocialService
from tests import factories
from tests.helpers import events, prague, reload, state_logs
from workflows.call_lifecycle.actions import call_close, call_open
from workflows.opinion_review.actions import (
    opinion_draft,
    opinion_issue,
    opinion_record_resolution,
    opinion_send_to_council,
)
from workflows.plan_review.actions import plan_decide, plan_submit

pytestmark = pytest.mark.django_db

P, OS = PlanState, OpinionState


def at(moment: dt.datetime) -> Any:
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def tulipan_service(provider: Provider, liberec_orp: Any) -> SocialService:
    assert (provider.name, provider.ico) == ("Sdružení TULIPAN, z. s.", "26672472")
    service = factories.SocialServiceFactory(
        provider=provider,
        name="Chráněné bydlení TULIPAN",
        registration_number="8533092",
        service_type=factories.service_type("51"),
        form=ServiceForm.RESIDENTIAL,
        orps=[liberec_orp],
    )
    service.full_clean()
    return service


@pytest.fixture
def call_2017(regional_officer: Any) -> Call:
    call = factories.CallFactory(
        name="Výzva k předkládání rozvojových záměrů do ZSSS LK 2018–2020 (2017)",
        period=factories.NetworkPeriodFactory(start_year=2018, end_year=2020),
        opens_at=prague(2017, 7, 31),
        closes_at=end_of_day(dt.date(2017, 8, 4)),
        opinion_deadline_date=dt.date(2017, 8, 31),
        opinion_deadline_days=None,
        council_deadline_date=dt.date(2017, 9, 15),
        council_deadline_days=None,
        decision_date_fixed=dt.date(2017, 9, 26),
        decision_date_days=None,
    )
    with at(prague(2017, 7, 31, 0, 1)):
        call_open(call=call, by=regional_officer)
    return call


def _file(by: Any, call: Call, service: SocialService, kind: str, current: int, requested: int):
    return plan_create(
        by=by,
        call=call,
        service=service,
        kind=kind,
        capacity_current=Decimal(current),
        capacity_requested=Decimal(requested),
        justification="Chráněné bydlení pro osoby s mentálním postižením.",
        orps=[factories.orp("5105")],
    )


def _decide(plan: Any, by: Any) -> Any:
    return plan_decide(
        plan=plan,
        by=by,
        outcome=P.INCLUDED,
        body=DecidingBody.REGIONAL_ASSEMBLY,
        resolution_number="402/17/ZK",
        resolution_date=dt.date(2017, 9, 26),
    )


def test_tulipan_2017(
    call_2017: Call,
    tulipan_service: SocialService,
    provider_user: Any,
    municipal_officer: Any,
    council_secretary: Any,
    regional_officer: Any,
    liberec: Any,
) -> None:
    call = call_2017
    # 2 Aug 2017: TULIPAN files both plans within the window.
    with at(prague(2017, 8, 2, 9, 15)):
        inclusion = _file(provider_user, call, tulipan_service, PlanKind.INCLUSION, 0, 3)
        plan_submit(plan=inclusion, by=provider_user)
    with at(prague(2017, 8, 2, 9, 40)):
        extension = _file(provider_user, call, tulipan_service, PlanKind.CAPACITY_INCREASE, 3, 15)
        plan_submit(plan=extension, by=provider_user)
    for plan in (inclusion, extension):
        plan = reload(plan)
        assert plan.state == P.AWAITING_OPINION
        (opinion,) = plan.opinions.all()
        assert (opinion.municipality, opinion.due_date) == (liberec, dt.date(2017, 8, 31))

    # A plan filed one second after the window is late (another kind: a second increase of
    # the service in this call is refused on filing, tests/plans/test_limits.py).
    late = _file(provider_user, call, tulipan_service, PlanKind.OTHER_CHANGE, 15, 15)
    with at(prague(2017, 8, 5, 0, 0, 1)), pytest.raises(TransitionConflict):
        plan_submit(plan=late, by=provider_user)
    with at(prague(2017, 8, 5, 0, 5)):
        call_close(call=call)

    # 14 Aug: the city supports the inclusion; no commitment, so it issues directly.
    with at(prague(2017, 8, 14, 10)):
        opinion = opinion_draft(
            opinion=inclusion.opinions.get(), by=municipal_officer, verdict=Verdict.SUPPORTS
        )
        assert not opinion.needs_council
        opinion_issue(opinion=opinion, by=municipal_officer)
    assert reload(inclusion).state == P.AWAITING_DECISION

    # 21 Aug: the city supports the extension 3 → 15: that needs the council.
    with at(prague(2017, 8, 21, 11)):
        opinion = opinion_draft(
            opinion=extension.opinions.get(), by=municipal_officer, verdict=Verdict.SUPPORTS
        )
        assert opinion.needs_council
        with pytest.raises(TransitionConflict) as caught:
            opinion_issue(opinion=opinion, by=municipal_officer)
        assert "council" in caught.value.reasons[0]
        opinion_send_to_council(opinion=opinion, by=municipal_officer)
    assert reload(extension).state == P.AWAITING_COUNCIL

    # 29 Aug: the council secretary records resolution 827/2017.
    with at(prague(2017, 8, 29, 15)):
        opinion_record_resolution(
            opinion=extension.opinions.get(),
            by=council_secretary,
            number="827/2017",
            meeting_date=dt.date(2017, 8, 29),
            outcome=ResolutionOutcome.APPROVED,
        )
    opinion = extension.opinions.get()
    assert (opinion.state, opinion.verdict) == (OS.ISSUED, Verdict.SUPPORTS)
    assert str(opinion.resolution.number) == "827/2017"
    assert opinion.resolution.meeting_date == dt.date(2017, 8, 29)
    assert reload(extension).state == P.AWAITING_DECISION

    # 26 Sep: the regional assembly includes the service, then its extension.
    with at(prague(2017, 9, 26, 14)):
        _decide(inclusion, regional_officer)
    with at(prague(2017, 9, 26, 14, 5)):
        decision = _decide(extension, regional_officer)
    assert reload(inclusion).state == P.INCLUDED
    assert reload(extension).state == P.INCLUDED
    assert decision.resolution_number == "402/17/ZK"

    # The register: 15 beds for 2018–2020, with the history of both changes.
    entry = NetworkEntry.objects.get(service=tulipan_service)
    assert str(entry.period) == "2018–2020"
    assert (entry.capacity, entry.unit, entry.status) == (Decimal(15), "beds", P.INCLUDED)
    assert [
        (c.plan_id, c.capacity_before, c.capacity_after, c.recorded_at.date())
        for c in entry.changes.all()
    ] == [
        (inclusion.pk, Decimal(0), Decimal(3), dt.date(2017, 9, 26)),
        (extension.pk, Decimal(3), Decimal(15), dt.date(2017, 9, 26)),
    ]

    # The extension's audit trail, on the case's own dates.
    trail = [
        (log.transition, log.source_state, log.state, log.by, log.timestamp)
        for log in state_logs(extension)
    ]
    assert trail == [
        ("submit", P.DRAFT, P.AWAITING_OPINION, provider_user, prague(2017, 8, 2, 9, 40)),
        (
            "route",
            P.AWAITING_OPINION,
            P.AWAITING_COUNCIL,
            municipal_officer,
            prague(2017, 8, 21, 11),
        ),
        (
            "route",
            P.AWAITING_COUNCIL,
            P.AWAITING_DECISION,
            council_secretary,
            prague(2017, 8, 29, 15),
        ),
        ("decide", P.AWAITING_DECISION, P.INCLUDED, regional_officer, prague(2017, 9, 26, 14, 5)),
    ]
    assert [e.kind for e in events(extension)] == [
        "developmentplan.submit",
        "developmentplan.route",
        "developmentplan.route",
        "developmentplan.decide",
    ]
    assert reload(late).state == P.DRAFT
