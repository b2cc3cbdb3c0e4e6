"""The assessment's rules: the weighted total, two assessors, the scale and reasons, who
may score, criteria fixed once scored, the copy of criteria, reference values."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from backend.accounts.models import Role
from backend.assessment.models import Assessment, Criterion, ReferenceValue
from backend.assessment.selectors import (
    plan_assessment_for_user,
    plan_cost_comparison,
    weighted_total,
)
from backend.assessment.services import (
    assessment_submit,
    criteria_copy,
    criterion_create,
    criterion_delete,
    criterion_update,
    reference_value_set,
)
from backend.machines.errors import TransitionConflict
from backend.registry.choices import CapacityUnit
from backend.registry.models import Region
from tests import factories
from tests.assessment.conftest import score

pytestmark = pytest.mark.django_db


def test_the_weighted_total_is_the_weighted_share_of_the_most_points() -> None:
    # need 4/5 × 2 + cost 5/10 × 1 = 13 of 20 = 65 %
    assert weighted_total([(4, Decimal(2), 5), (5, Decimal(1), 10)]) == Decimal("65.0")
    assert weighted_total([(5, Decimal(2), 5), (10, Decimal(1), 10)]) == Decimal("100.0")
    assert weighted_total([(0, Decimal("0.5"), 5)]) == Decimal("0.0")
    # 1 of 3 points: 33.33… → 33.3
    assert weighted_total([(1, Decimal(1), 3)]) == Decimal("33.3")
    assert weighted_total([]) is None


def test_one_assessor_gives_the_plans_score(
    plan: Any, regional_officer: Any, need: Criterion, cost: Criterion
) -> None:
    score(plan, regional_officer, need, cost, 4, 5)
    view = plan_assessment_for_user(plan=plan, user=regional_officer)
    assert view is not None
    assert view.complete and view.final
    assert view.score == Decimal("65.0")
    assert view.spread is None and not view.flagged
    assert [row.scores[0].points for row in view.rows] == [4, 5]


def test_two_assessors_give_the_mean_and_a_difference_above_the_limit_is_flagged(
    plan: Any, regional_officer: Any, second_officer: Any, need: Criterion, cost: Criterion
) -> None:
    plan.call.assessors_required = 2
    plan.call.score_spread_limit = Decimal(20)
    plan.call.save()
    score(plan, regional_officer, need, cost, 5, 10)  # 100 %
    score(plan, second_officer, need, cost, 3, 2)  # (6 + 2) / 20 = 40 %
    view = plan_assessment_for_user(plan=plan, user=regional_officer)
    assert view is not None and view.complete
    assert [result.total for result in view.results] == [Decimal("100.0"), Decimal("40.0")]
    assert view.score == Decimal("70.0")
    assert view.spread == Decimal("60.0")
    assert view.flagged
    assert [row.difference for row in view.rows] == [2, 8]
    # The names are the office's to see.
    assert view.results[1].label == "Martin Beneš"


def test_a_difference_within_the_limit_is_not_flagged(
    plan: Any, regional_officer: Any, second_officer: Any, need: Criterion, cost: Criterion
) -> None:
    plan.call.assessors_required = 2
    plan.call.save()
    score(plan, regional_officer, need, cost, 4, 5)  # 65 %
    score(plan, second_officer, need, cost, 4, 3)  # 55 %: 10 points apart, limit 20
    view = plan_assessment_for_user(plan=plan, user=second_officer)
    assert view is not None
    assert view.score == Decimal("60.0") and view.spread == Decimal("10.0")
    assert not view.flagged


def test_an_assessor_does_not_see_the_colleagues_scores_before_both_are_in(
    plan: Any, regional_officer: Any, second_officer: Any, need: Criterion, cost: Criterion
) -> None:
    plan.call.assessors_required = 2
    plan.call.save()
    score(plan, regional_officer, need, cost, 5, 10)
    first = plan_assessment_for_user(plan=plan, user=regional_officer)
    other = plan_assessment_for_user(plan=plan, user=second_officer)
    assert first is not None and other is not None
    assert not first.complete and first.score is None
    assert [result.assessment.assessor_id for result in first.results] == [regional_officer.pk]
    assert other.results == [] and other.submitted == 1 and other.can_assess


def test_the_same_officer_twice_changes_their_assessment_and_a_third_is_refused(
    plan: Any,
    region: Region,
    regional_officer: Any,
    second_officer: Any,
    need: Criterion,
    cost: Criterion,
) -> None:
    plan.call.assessors_required = 2
    plan.call.save()
    score(plan, regional_officer, need, cost, 1, 1)
    score(plan, regional_officer, need, cost, 5, 10)
    assert Assessment.objects.filter(plan=plan).count() == 1
    view = plan_assessment_for_user(plan=plan, user=regional_officer)
    assert view is not None and not view.complete  # one officer is not two assessors
    assert [s.points for s in view.results[0].scores.values()] == [5, 10]
    score(plan, second_officer, need, cost, 5, 10)
    third = factories.user_with_role(Role.REGIONAL_OFFICER, region, username="kraj3")
    with pytest.raises(TransitionConflict, match="already been assessed"):
        score(plan, third, need, cost, 0, 0)
    assert Assessment.objects.filter(plan=plan).count() == 2


def test_a_call_with_one_assessor_refuses_a_second(
    plan: Any, regional_officer: Any, second_officer: Any, need: Criterion, cost: Criterion
) -> None:
    score(plan, regional_officer, need, cost, 4, 5)
    with pytest.raises(TransitionConflict):
        score(plan, second_officer, need, cost, 0, 0)


def test_points_outside_the_scale_a_missing_reason_or_criterion_are_refused(
    plan: Any, regional_officer: Any, need: Criterion, cost: Criterion
) -> None:
    with pytest.raises(ValidationError) as refused:
        assessment_submit(
            plan=plan, by=regional_officer, scores={need.pk: (6, "Příliš."), cost.pk: (3, "  ")}
        )
    assert set(refused.value.message_dict) == {f"points_{need.pk}", f"reason_{cost.pk}"}
    with pytest.raises(ValidationError) as missing:
        assessment_submit(plan=plan, by=regional_officer, scores={need.pk: (3, "Ano.")})
    assert f"points_{cost.pk}" in missing.value.message_dict
    with pytest.raises(ValidationError) as unknown:
        assessment_submit(
            plan=plan,
            by=regional_officer,
            scores={need.pk: (3, "A."), cost.pk: (3, "B."), 999_999: (1, "C.")},
        )
    assert "scores" in unknown.value.message_dict
    assert not Assessment.objects.exists()


@pytest.mark.parametrize(
    "actor", ["provider_user", "municipal_officer", "council_secretary", "stranger"], indirect=True
)
def test_only_the_regional_office_of_the_plans_region_scores(
    plan: Any, actor: Any, need: Criterion, cost: Criterion
) -> None:
    with pytest.raises(PermissionDenied):
        score(plan, actor, need, cost, 3, 3)
    assert not Assessment.objects.exists()


def test_an_officer_of_another_region_may_not_score(
    plan: Any, need: Criterion, cost: Criterion
) -> None:
    other = Region.objects.create(code="CZ052", name="Královéhradecký kraj")
    officer = factories.user_with_role(Role.REGIONAL_OFFICER, other, username="hk")
    with pytest.raises(PermissionDenied):
        score(plan, officer, need, cost, 3, 3)


@pytest.mark.parametrize("state", ["draft", "returned", "included", "withdrawn"])
def test_a_plan_is_scored_only_while_under_review(
    state: str, call: Any, service: Any, regional_officer: Any, need: Criterion, cost: Criterion
) -> None:
    plan = factories.plan_in_state(state, call=call, service=service)
    with pytest.raises(TransitionConflict, match="under review"):
        score(plan, regional_officer, need, cost, 3, 3)


def test_a_call_without_criteria_cannot_be_scored(
    service: Any, regional_officer: Any, open_call: Any
) -> None:
    other_call = factories.CallFactory(open=True, period=open_call.period)
    plan = factories.plan_in_state("awaiting_opinion", call=other_call, service=service)
    with pytest.raises(TransitionConflict, match="no assessment criteria"):
        assessment_submit(plan=plan, by=regional_officer, scores={})


def test_criteria_are_fixed_once_a_plan_is_scored(
    call: Any, plan: Any, regional_officer: Any, need: Criterion, cost: Criterion
) -> None:
    criterion_update(criterion=need, by=regional_officer, weight=Decimal(3))
    extra = criterion_create(
        call=call, by=regional_officer, name="Soulad s kartami", weight=Decimal(1), max_points=5
    )
    assert extra.order == 3  # after the last
    criterion_delete(criterion=extra, by=regional_officer)
    score(plan, regional_officer, need, cost, 4, 5)
    with pytest.raises(TransitionConflict):
        criterion_delete(criterion=need, by=regional_officer)
    with pytest.raises(TransitionConflict):
        criterion_update(criterion=need, by=regional_officer, weight=Decimal(1))
    with pytest.raises(TransitionConflict):
        criterion_create(call=call, by=regional_officer, name="X", weight=1, max_points=5)
    need.refresh_from_db()
    assert need.weight == Decimal(3)
    assert call.criteria.count() == 2


def test_criteria_are_set_by_the_calls_region_only(
    call: Any, provider_user: Any, need: Criterion
) -> None:
    with pytest.raises(PermissionDenied):
        criterion_create(call=call, by=provider_user, name="X", weight=1, max_points=5)
    with pytest.raises(PermissionDenied):
        criterion_delete(criterion=need, by=provider_user)


def test_a_criterion_needs_a_positive_weight_and_a_scale(call: Any, regional_officer: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        criterion_create(call=call, by=regional_officer, name="X", weight=Decimal(0), max_points=0)
    assert {"weight", "max_points"} <= set(refused.value.message_dict)


def test_criteria_copy_copies_once(
    call: Any, regional_officer: Any, need: Criterion, cost: Criterion
) -> None:
    target = factories.CallFactory(period=call.period)
    assert criteria_copy(source=call, target=target) == 2
    assert criteria_copy(source=call, target=target) == 0
    copied = list(target.criteria.values_list("name", "weight", "max_points", "order"))
    assert copied == [
        ("Potřebnost v komunitním plánu", Decimal(2), 5, 1),
        ("Náklady na jednotku", Decimal(1), 10, 2),
    ]
    stranger = factories.UserFactory(username="nobody")
    with pytest.raises(PermissionDenied):
        criteria_copy(source=call, target=target, by=stranger)


def test_the_cost_per_unit_is_shown_beside_the_reference_value(
    plan: Any, region: Region, regional_officer: Any
) -> None:
    # 1 200 000 CZK for 3 → 15 beds: 100 000 CZK per bed
    assert plan_cost_comparison(plan=plan).reference is None
    start = plan.call.period.start_year
    reference_value_set(
        region=region,
        by=regional_officer,
        service_type=plan.service.service_type,
        unit=CapacityUnit.BEDS,
        valid_from_year=start - 1,
        amount=Decimal(90_000),
    )
    reference_value_set(  # a later value does not apply to the call's period yet
        region=region,
        by=regional_officer,
        service_type=plan.service.service_type,
        unit=CapacityUnit.BEDS,
        valid_from_year=start + 1,
        amount=Decimal(200_000),
    )
    comparison = plan_cost_comparison(plan=plan)
    assert comparison.increase == Decimal(12)
    assert comparison.per_unit == Decimal(100_000)
    assert comparison.reference is not None and comparison.reference.amount == Decimal(90_000)
    assert comparison.ratio == Decimal("111.1")


def test_reference_values_are_replaced_by_type_unit_and_year(
    region: Region, regional_officer: Any, provider_user: Any
) -> None:
    paragraph = factories.service_type("51")
    fields = {"service_type": paragraph, "unit": CapacityUnit.BEDS, "valid_from_year": 2026}
    first = reference_value_set(region=region, by=regional_officer, amount=Decimal(1), **fields)
    second = reference_value_set(region=region, by=regional_officer, amount=Decimal(2), **fields)
    assert first.pk == second.pk and ReferenceValue.objects.get().amount == Decimal(2)
    with pytest.raises(PermissionDenied):
        reference_value_set(region=region, by=provider_user, amount=Decimal(3), **fields)
    with pytest.raises(ValidationError):
        reference_value_set(region=region, by=regional_officer, amount=Decimal(0), **fields)


def test_a_changed_assessment_keeps_its_earlier_scores_in_the_history(
    plan: Any, regional_officer: Any, need: Criterion, cost: Criterion
) -> None:
    score(plan, regional_officer, need, cost, 1, 2)
    assessment = score(plan, regional_officer, need, cost, 4, 2)
    need_score = assessment.scores.get(criterion=need)
    versions = list(need_score.history.order_by("history_id"))
    assert [(v.history_type, v.points) for v in versions] == [("+", 1), ("~", 4)]
    assert versions[-1].history_user == regional_officer
    # The unchanged score was not saved again.
    assert assessment.scores.get(criterion=cost).history.count() == 1
