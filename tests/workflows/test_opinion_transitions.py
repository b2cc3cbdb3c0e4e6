"""The municipal opinion's transitions (table-driven), the council rule and how opinions
route their plan."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from backend.machines.errors import TransitionConflict, TransitionForbidden
from backend.machines.opinion_review.states import OpinionState, Verdict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState
from backend.plans.choices import ResolutionOutcome
from backend.plans.models import CouncilResolution, MunicipalOpinion
from tests import factories
from tests.helpers import reload, state_logs, transition_directly
from workflows.opinion_review.actions import (
    opinion_draft,
    opinion_expire,
    opinion_issue,
    opinion_record_resolution,
    opinion_send_to_council,
)
from workflows.plan_review.actions import plan_submit

pytestmark = pytest.mark.django_db

OS = OpinionState
P = PlanState
ALL_STATES = list(OpinionState)
USERS = [
    "provider_user",
    "other_provider_user",
    "municipal_officer",
    "council_secretary",
    "tanvald_officer",
    "tanvald_secretary",
    "regional_officer",
    "stranger",
    "anonymous",
]
SYSTEM = "system"
OPEN = (OS.REQUESTED, OS.DRAFTED, OS.AWAITING_COUNCIL)


def _record(opinion: MunicipalOpinion, by: Any) -> MunicipalOpinion:
    return opinion_record_resolution(
        opinion=opinion,
        by=by,
        number="827/2017",
        meeting_date=dt.date(2017, 8, 29),
        outcome=ResolutionOutcome.APPROVED,
    )


def _system_only(action: Callable[[MunicipalOpinion], Any], name: str) -> Callable[..., Any]:
    def run(opinion: MunicipalOpinion, by: Any) -> MunicipalOpinion:
        if by is None:
            return action(opinion)
        return transition_directly(opinion, name, by=by)

    return run


@dataclass(frozen=True)
class Spec:
    name: str
    sources: tuple[str, ...]
    role: str | None
    target: str
    run: Callable[[MunicipalOpinion, Any], MunicipalOpinion]
    overrides: dict[str, Any] = field(default_factory=dict)


SPECS = [
    Spec(
        "draft",
        (OS.REQUESTED, OS.DRAFTED),
        "municipal_officer",
        OS.DRAFTED,
        lambda o, by: opinion_draft(opinion=o, by=by, verdict=Verdict.SUPPORTS),
    ),
    Spec(
        "send_to_council",
        (OS.DRAFTED,),
        "municipal_officer",
        OS.AWAITING_COUNCIL,
        lambda o, by: opinion_send_to_council(opinion=o, by=by),
        overrides={"needs_council": True, "verdict": Verdict.SUPPORTS},
    ),
    Spec(
        "issue",
        (OS.DRAFTED,),
        "municipal_officer",
        OS.ISSUED,
        lambda o, by: opinion_issue(opinion=o, by=by),
        overrides={"needs_council": False, "verdict": Verdict.SUPPORTS},
    ),
    Spec("record_resolution", (OS.AWAITING_COUNCIL,), "council_secretary", OS.ISSUED, _record),
    Spec(
        "expire",
        OPEN,
        None,
        OS.NOT_GIVEN,
        _system_only(lambda o: opinion_expire(opinion=o), "expire"),
        overrides={"due_date": dt.date(2020, 1, 31)},
    ),
    Spec(
        "cancel",
        OPEN,
        None,
        OS.CANCELLED,
        _system_only(lambda o: transition_directly(o, "cancel", by=None), "cancel"),
    ),
]


def _cells() -> list[Any]:
    cells = []
    for spec in SPECS:
        for state in ALL_STATES:
            for role in [*USERS, *([SYSTEM] if spec.role is None else [])]:
                if role == SYSTEM:
                    expected = spec.target if state in spec.sources else TransitionConflict
                elif role != spec.role:
                    expected = TransitionForbidden
                elif state not in spec.sources:
                    expected = TransitionConflict
                else:
                    expected = spec.target
                cells.append(
                    pytest.param(spec, state, role, expected, id=f"{spec.name}-{state}-{role}")
                )
    return cells


@pytest.mark.parametrize(("spec", "state", "role", "expected"), _cells())
def test_opinion_transition_matrix(
    request: pytest.FixtureRequest, service: Any, spec: Spec, state: str, role: str, expected: Any
) -> None:
    plan = factories.plan_in_state(P.AWAITING_OPINION, service=service)
    opinion = factories.opinion_in_state(state, plan=plan, **spec.overrides)
    by = None if role == SYSTEM else request.getfixturevalue(role)

    if isinstance(expected, type) and issubclass(expected, Exception):
        with pytest.raises(expected):
            spec.run(opinion, by)
        assert reload(opinion).state == state
        assert not state_logs(opinion).exists()
        assert reload(plan).state == P.AWAITING_OPINION
    else:
        assert spec.run(opinion, by).state == expected
        assert reload(opinion).state == expected
        if state == expected:  # saving a draft again changes its fields only: no log line
            assert not state_logs(opinion).exists()
            return
        (log,) = state_logs(opinion)
        assert (log.transition, log.source_state, log.state) == (spec.name, state, expected)


@pytest.mark.parametrize(
    "plan_state", [P.DRAFT, P.AWAITING_DECISION, P.WITHDRAWN, P.INCLUDED, P.LAPSED]
)
@pytest.mark.parametrize("name", ["draft", "issue", "send_to_council"])
def test_no_opinion_work_on_a_plan_not_under_review(
    service: Any, municipal_officer: Any, plan_state: str, name: str
) -> None:
    plan = factories.plan_in_state(plan_state, service=service)
    opinion = factories.opinion_in_state(
        OS.REQUESTED if name == "draft" else OS.DRAFTED,
        plan=plan,
        needs_council=name == "send_to_council",
    )
    run = {
        "draft": lambda: opinion_draft(
            opinion=opinion, by=municipal_officer, verdict=Verdict.SUPPORTS
        ),
        "issue": lambda: opinion_issue(opinion=opinion, by=municipal_officer),
        "send_to_council": lambda: opinion_send_to_council(opinion=opinion, by=municipal_officer),
    }[name]
    with pytest.raises(TransitionConflict) as caught:
        run()
    assert any("not under review" in reason for reason in caught.value.reasons)


@pytest.mark.parametrize("plan_state", [P.AWAITING_COUNCIL, P.RETURNED])
def test_opinions_can_be_given_while_the_plan_is_returned_or_at_the_council(
    service: Any, municipal_officer: Any, plan_state: str
) -> None:
    plan = factories.plan_in_state(plan_state, service=service)
    opinion = factories.opinion_in_state(OS.REQUESTED, plan=plan)
    opinion_draft(opinion=opinion, by=municipal_officer, verdict=Verdict.DOES_NOT_SUPPORT)
    assert opinion_issue(opinion=opinion, by=municipal_officer).state == OS.ISSUED


# --- the council rule -------------------------------------------------------------------------


def _submitted(service: Any, provider_user: Any, **fields: Any) -> Any:
    plan = factories.DevelopmentPlanFactory(service=service, **fields)
    plan_submit(plan=plan, by=provider_user)
    return reload(plan)


class TestCouncilRule:
    @pytest.mark.parametrize("verdict", [Verdict.SUPPORTS, Verdict.SUPPORTS_WITH_CONDITIONS])
    def test_supporting_a_capacity_increase_needs_the_council(
        self, service: Any, provider_user: Any, municipal_officer: Any, verdict: str
    ) -> None:
        plan = _submitted(service, provider_user)  # 3 → 15 beds
        opinion = opinion_draft(
            opinion=plan.opinions.get(),
            by=municipal_officer,
            verdict=verdict,
            conditions="Jen pro občany Liberce.",
        )
        assert opinion.needs_council
        with pytest.raises(TransitionConflict) as caught:
            opinion_issue(opinion=opinion, by=municipal_officer)
        assert any("council must approve" in reason for reason in caught.value.reasons)
        assert reload(opinion).state == OS.DRAFTED

        opinion_send_to_council(opinion=opinion, by=municipal_officer)
        assert reload(opinion).state == OS.AWAITING_COUNCIL
        assert reload(plan).state == P.AWAITING_COUNCIL

    def test_committing_cofinancing_needs_the_council(
        self, service: Any, provider_user: Any, municipal_officer: Any
    ) -> None:
        plan = _submitted(
            service,
            provider_user,
            kind=PlanKind.INCLUSION,
            capacity_current=Decimal(0),
            capacity_requested=Decimal(3),
        )
        opinion = opinion_draft(
            opinion=plan.opinions.get(),
            by=municipal_officer,
            verdict=Verdict.SUPPORTS,
            cofinancing_amount=Decimal("150000"),
        )
        assert opinion.needs_council
        assert reload(opinion).cofinancing_amount == Decimal("150000")

    @pytest.mark.parametrize(
        ("kind", "current", "requested", "verdict", "cofinancing"),
        [
            (PlanKind.INCLUSION, 0, 3, Verdict.SUPPORTS, None),
            (PlanKind.INCLUSION, 0, 3, Verdict.SUPPORTS, Decimal(0)),
            (PlanKind.OTHER_CHANGE, 3, 3, Verdict.SUPPORTS, None),
            (PlanKind.CAPACITY_INCREASE, 3, 15, Verdict.DOES_NOT_SUPPORT, None),
            (PlanKind.CAPACITY_INCREASE, 3, 15, Verdict.DOES_NOT_SUPPORT, Decimal(1000)),
        ],
    )
    def test_other_opinions_are_issued_directly(
        self,
        service: Any,
        provider_user: Any,
        municipal_officer: Any,
        kind: str,
        current: int,
        requested: int,
        verdict: str,
        cofinancing: Decimal | None,
    ) -> None:
        plan = _submitted(
            service,
            provider_user,
            kind=kind,
            capacity_current=Decimal(current),
            capacity_requested=Decimal(requested),
        )
        opinion = opinion_draft(
            opinion=plan.opinions.get(),
            by=municipal_officer,
            verdict=verdict,
            cofinancing_amount=cofinancing,
        )
        assert not opinion.needs_council
        with pytest.raises(TransitionConflict) as caught:
            opinion_send_to_council(opinion=opinion, by=municipal_officer)
        assert any("does not need a council" in reason for reason in caught.value.reasons)
        opinion = opinion_issue(opinion=opinion, by=municipal_officer)
        assert opinion.state == OS.ISSUED
        assert opinion.issued_by == municipal_officer
        assert opinion.issued_at is not None
        assert reload(plan).state == P.AWAITING_DECISION

    def test_a_call_may_waive_the_council(
        self, service: Any, provider_user: Any, municipal_officer: Any
    ) -> None:
        call = factories.CallFactory(open=True, council_for_commitments=False)
        plan = _submitted(service, provider_user, call=call)
        opinion = opinion_draft(
            opinion=plan.opinions.get(),
            by=municipal_officer,
            verdict=Verdict.SUPPORTS,
            cofinancing_amount=Decimal("150000"),
        )
        assert not opinion.needs_council
        assert opinion_issue(opinion=opinion, by=municipal_officer).state == OS.ISSUED

    def test_redrafting_reevaluates_the_rule(
        self, service: Any, provider_user: Any, municipal_officer: Any
    ) -> None:
        plan = _submitted(service, provider_user)
        opinion = plan.opinions.get()
        opinion = opinion_draft(opinion=opinion, by=municipal_officer, verdict=Verdict.SUPPORTS)
        assert opinion.needs_council
        opinion = opinion_draft(
            opinion=opinion, by=municipal_officer, verdict=Verdict.DOES_NOT_SUPPORT
        )
        assert not reload(opinion).needs_council
        # Saving the draft again is no transition (no "drafted → drafted" line); the field
        # history records the change and its author.
        assert [log.transition for log in state_logs(opinion)] == ["draft"]
        latest = reload(opinion).history.order_by("-history_id").first()
        assert (latest.verdict, latest.history_user) == (
            Verdict.DOES_NOT_SUPPORT,
            municipal_officer,
        )

    @pytest.mark.parametrize(
        ("fields", "error_field"),
        [
            ({"verdict": "maybe"}, "verdict"),
            ({"verdict": Verdict.SUPPORTS_WITH_CONDITIONS, "conditions": " "}, "conditions"),
            (
                {"verdict": Verdict.SUPPORTS, "cofinancing_amount": Decimal(-1)},
                "cofinancing_amount",
            ),
        ],
    )
    def test_draft_validation(
        self,
        service: Any,
        municipal_officer: Any,
        fields: dict[str, Any],
        error_field: str,
    ) -> None:
        opinion = factories.opinion_in_state(OS.REQUESTED, plan__service=service)
        with pytest.raises(ValidationError) as caught:
            opinion_draft(opinion=opinion, by=municipal_officer, **fields)
        assert error_field in caught.value.error_dict
        assert reload(opinion).state == OS.REQUESTED


class TestCouncilResolution:
    @pytest.fixture
    def opinion(self, service: Any) -> MunicipalOpinion:
        plan = factories.plan_in_state(P.AWAITING_COUNCIL, service=service)
        return factories.opinion_in_state(OS.AWAITING_COUNCIL, plan=plan)

    def test_approving_resolution_issues_the_supporting_opinion(
        self, opinion: MunicipalOpinion, council_secretary: Any, liberec: Any
    ) -> None:
        _record(opinion, council_secretary)
        opinion = reload(opinion)
        assert opinion.state == OS.ISSUED
        assert opinion.verdict == Verdict.SUPPORTS
        resolution = opinion.resolution
        assert (resolution.number, resolution.meeting_date, resolution.municipality) == (
            "827/2017",
            dt.date(2017, 8, 29),
            liberec,
        )
        assert resolution.recorded_by == council_secretary
        assert reload(opinion.plan).state == P.AWAITING_DECISION

    def test_rejecting_resolution_turns_the_opinion_into_does_not_support(
        self, opinion: MunicipalOpinion, council_secretary: Any
    ) -> None:
        opinion_record_resolution(
            opinion=opinion,
            by=council_secretary,
            number="828/2017",
            meeting_date=dt.date(2017, 8, 29),
            outcome=ResolutionOutcome.REJECTED,
        )
        opinion = reload(opinion)
        assert opinion.state == OS.ISSUED
        assert opinion.verdict == Verdict.DOES_NOT_SUPPORT
        assert reload(opinion.plan).state == P.AWAITING_DECISION

    @pytest.mark.parametrize("number", ["827-2017", "827", "0/2017", "827/17", "827/2017/RM", ""])
    def test_invalid_resolution_number_is_rejected(
        self, opinion: MunicipalOpinion, council_secretary: Any, number: str
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            opinion_record_resolution(
                opinion=opinion,
                by=council_secretary,
                number=number,
                meeting_date=dt.date(2017, 8, 29),
                outcome=ResolutionOutcome.APPROVED,
            )
        assert "number" in caught.value.error_dict
        assert reload(opinion).state == OS.AWAITING_COUNCIL
        assert not CouncilResolution.objects.exists()
        assert not state_logs(opinion).exists()

    def test_one_resolution_covers_several_opinions(
        self, opinion: MunicipalOpinion, service: Any, council_secretary: Any
    ) -> None:
        other = factories.opinion_in_state(
            OS.AWAITING_COUNCIL,
            plan=factories.plan_in_state(P.AWAITING_COUNCIL, service=service),
        )
        _record(opinion, council_secretary)
        _record(other, council_secretary)
        assert CouncilResolution.objects.count() == 1
        assert reload(opinion).resolution_id == reload(other).resolution_id

    def test_a_recorded_number_cannot_get_another_date_or_outcome(
        self, opinion: MunicipalOpinion, council_secretary: Any
    ) -> None:
        factories.CouncilResolutionFactory(number="827/2017", meeting_date=dt.date(2017, 8, 29))
        with pytest.raises(ValidationError) as caught:
            opinion_record_resolution(
                opinion=opinion,
                by=council_secretary,
                number="827/2017",
                meeting_date=dt.date(2017, 9, 5),
                outcome=ResolutionOutcome.APPROVED,
            )
        assert "number" in caught.value.error_dict
        assert reload(opinion).state == OS.AWAITING_COUNCIL

    def test_the_same_number_in_another_municipality_is_another_resolution(
        self, opinion: MunicipalOpinion, council_secretary: Any, tanvald: Any
    ) -> None:
        factories.CouncilResolutionFactory(
            municipality=tanvald, number="827/2017", meeting_date=dt.date(2017, 9, 5)
        )
        _record(opinion, council_secretary)
        assert reload(opinion).resolution.municipality.name == "Liberec"
        assert CouncilResolution.objects.filter(number="827/2017").count() == 2


# --- routing the plan ----------------------------------------------------------------------


class TestRouting:
    @pytest.fixture
    def plan(self, service: Any, provider_user: Any, tanvald_orp: Any) -> Any:
        """A capacity increase touching ORPs Liberec and Tanvald: two opinions."""
        return _submitted(service, provider_user, orps=[factories.orp("5105"), tanvald_orp])

    def test_plan_waits_until_every_opinion_is_final(
        self,
        plan: Any,
        municipal_officer: Any,
        council_secretary: Any,
        tanvald_officer: Any,
        tanvald: Any,
        liberec: Any,
    ) -> None:
        assert plan.state == P.AWAITING_OPINION
        ours = plan.opinions.get(municipality=liberec)
        theirs = plan.opinions.get(municipality=tanvald)

        opinion_draft(opinion=ours, by=municipal_officer, verdict=Verdict.SUPPORTS)
        opinion_send_to_council(opinion=ours, by=municipal_officer)
        assert reload(plan).state == P.AWAITING_OPINION  # Tanvald has not answered yet

        opinion_draft(opinion=theirs, by=tanvald_officer, verdict=Verdict.DOES_NOT_SUPPORT)
        assert reload(plan).state == P.AWAITING_OPINION
        opinion_issue(opinion=theirs, by=tanvald_officer)
        assert reload(plan).state == P.AWAITING_COUNCIL  # only the council is awaited

        _record(ours, council_secretary)
        assert reload(plan).state == P.AWAITING_DECISION
        routes = [log for log in state_logs(plan) if log.transition == "route"]
        assert [(log.source_state, log.state) for log in routes] == [
            (P.AWAITING_OPINION, P.AWAITING_COUNCIL),
            (P.AWAITING_COUNCIL, P.AWAITING_DECISION),
        ]
        assert routes[-1].by == council_secretary

    def test_all_opinions_issued_directly(
        self, plan: Any, municipal_officer: Any, tanvald_officer: Any, liberec: Any, tanvald: Any
    ) -> None:
        for officer, municipality in ((municipal_officer, liberec), (tanvald_officer, tanvald)):
            opinion = plan.opinions.get(municipality=municipality)
            opinion_draft(opinion=opinion, by=officer, verdict=Verdict.DOES_NOT_SUPPORT)
            opinion_issue(opinion=opinion, by=officer)
        assert reload(plan).state == P.AWAITING_DECISION

    def test_an_officer_cannot_answer_for_another_municipality(
        self, plan: Any, tanvald_officer: Any, liberec: Any
    ) -> None:
        with pytest.raises(TransitionForbidden):
            opinion_draft(
                opinion=plan.opinions.get(municipality=liberec),
                by=tanvald_officer,
                verdict=Verdict.SUPPORTS,
            )

    def test_expired_opinions_let_the_plan_move_on(
        self, plan: Any, municipal_officer: Any, liberec: Any, tanvald: Any
    ) -> None:
        ours = plan.opinions.get(municipality=liberec)
        opinion_draft(opinion=ours, by=municipal_officer, verdict=Verdict.DOES_NOT_SUPPORT)
        opinion_issue(opinion=ours, by=municipal_officer)
        theirs = plan.opinions.get(municipality=tanvald)

        with pytest.raises(TransitionConflict) as caught:
            opinion_expire(opinion=theirs)
        assert "not passed" in caught.value.reasons[0]

        after_deadline = timezone.now() + dt.timedelta(days=60)
        assert theirs.due_date < timezone.localtime(after_deadline).date()
        with time_machine.travel(after_deadline, tick=False):
            opinion_expire(opinion=theirs)
        assert reload(theirs).state == OS.NOT_GIVEN
        assert reload(plan).state == P.AWAITING_DECISION
        route = state_logs(plan).get(transition="route")
        assert route.by is None

    def test_capacity_decrease_skips_the_opinions(self, service: Any, provider_user: Any) -> None:
        plan = _submitted(
            service,
            provider_user,
            kind=PlanKind.CAPACITY_DECREASE,
            capacity_current=Decimal(15),
            capacity_requested=Decimal(12),
        )
        assert plan.state == P.AWAITING_DECISION
        assert not plan.opinions.exists()

    def test_a_call_may_require_opinions_on_decreases(
        self, service: Any, provider_user: Any
    ) -> None:
        call = factories.CallFactory(open=True, decrease_needs_opinion=True)
        plan = _submitted(
            service,
            provider_user,
            call=call,
            kind=PlanKind.CAPACITY_DECREASE,
            capacity_current=Decimal(15),
            capacity_requested=Decimal(12),
        )
        assert plan.state == P.AWAITING_OPINION
        assert plan.opinions.count() == 1
