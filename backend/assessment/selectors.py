"""Reads of the assessment, with the visibility rules of `rules.py`.

The arithmetic (docs/assessment.md): an assessment's total is the weighted share of the
most points it could give, in per cent —

    total = 100 × Σ (points × weight) / Σ (max points × weight)

— and a plan's score is the mean of its assessments' totals. Every assessment scores every
criterion of the call and the criteria cannot change once a plan is scored, so the mean is
also Σ (points × weight) over all the plan's scores divided by Σ (max × weight) over the
same scores: one aggregate, which the plan list sorts by (`plan_list_with_score`).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext as _

from backend.accounts.rules import roles_of
from backend.assessment.models import Assessment, Criterion, ReferenceValue, Score
from backend.assessment.rules import is_plan_office, may_assess, may_see_assessment
from backend.machines.plan_review.states import DECIDED_STATES, IN_REVIEW_STATES

# A plan is assessed while it is under review: submitted, not returned, not yet decided.
ASSESSABLE_STATES = IN_REVIEW_STATES
ONE_PLACE = Decimal("0.1")


def criterion_list(*, call: Any) -> QuerySet[Criterion]:
    """The call's criteria in their order."""
    return Criterion.objects.filter(call_id=call.pk).order_by("order", "id")


def call_is_scored(*, call: Any) -> bool:
    """Whether any plan of the call has an assessment (its criteria are then fixed)."""
    return Assessment.objects.filter(plan__call_id=call.pk).exists()


def weighted_total(rows: Iterable[tuple[int, Decimal, int]]) -> Decimal | None:
    """100 × Σ points × weight / Σ max points × weight, to one decimal place (half up);
    `rows` are (points, weight, max points). None for no rows."""
    gained = possible = Decimal(0)
    for points, weight, max_points in rows:
        gained += Decimal(points) * Decimal(weight)
        possible += Decimal(max_points) * Decimal(weight)
    if not possible:
        return None
    return (gained * 100 / possible).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass
class AssessmentResult:
    """One assessment as shown: whose (a name, or "Assessor 1" to the provider), its
    total and its scores by criterion id."""

    assessment: Assessment
    label: str
    total: Decimal | None
    scores: dict[int, Score]


@dataclass
class CriterionRow:
    """A criterion with each shown assessment's score (None: not scored) and, with two,
    the difference in points."""

    criterion: Criterion
    scores: list[Score | None]
    difference: int | None


@dataclass
class PlanAssessment:
    """What the user sees of a plan's assessment (`plan_assessment_for_user`)."""

    criteria: list[Criterion]
    required: int
    submitted: int
    complete: bool  # every assessment the call asks for is in
    final: bool  # all assessments are shown: complete, or the plan is decided
    results: list[AssessmentResult]
    own: Assessment | None
    can_assess: bool
    names_shown: bool
    limit: Decimal
    score: Decimal | None = None
    spread: Decimal | None = None
    flagged: bool = False
    rows: list[CriterionRow] = field(default_factory=list)


def _result(assessment: Assessment, label: str) -> AssessmentResult:
    scores = {score.criterion_id: score for score in assessment.scores.all()}
    total = weighted_total(
        (score.points, score.criterion.weight, score.criterion.max_points)
        for score in scores.values()
    )
    return AssessmentResult(assessment=assessment, label=label, total=total, scores=scores)


def _label(assessment: Assessment, number: int, names_shown: bool) -> str:
    if names_shown:
        user = assessment.assessor
        return user.get_full_name() or user.get_username()
    return _("Assessor %(number)d") % {"number": number}


def plan_assessment_for_user(*, plan: Any, user: Any) -> PlanAssessment | None:
    """The plan's assessment as the user may see it; None for whoever may not see it
    (municipalities, a provider before the decision, anyone outside the scope).

    The regional office sees every assessment with its assessor once the plan has all the
    call asks for (or is decided); before that an assessor sees only their own scores, so
    two assessors score independently. The provider sees the scores and reasons once the
    plan is decided, without the assessors' names."""
    if not may_see_assessment(user, plan):
        return None
    office = is_plan_office(user, plan)
    criteria = list(criterion_list(call=plan.call))
    assessments = list(
        Assessment.objects.filter(plan_id=plan.pk)
        .select_related("assessor")
        .prefetch_related("scores__criterion")
        .order_by("submitted_at", "id")
    )
    required = plan.call.assessors_required
    complete = len(assessments) >= required
    final = complete or plan.state in DECIDED_STATES
    own = next((a for a in assessments if a.assessor_id == user.pk), None) if office else None
    shown = assessments if final else [a for a in assessments if a is own]
    results = [
        _result(assessment, _label(assessment, number, office))
        for number, assessment in enumerate(shown, start=1)
    ]
    view = PlanAssessment(
        criteria=criteria,
        required=required,
        submitted=len(assessments),
        complete=complete,
        final=final,
        results=results,
        own=own,
        can_assess=assessment_open_for(plan=plan, user=user, criteria=criteria)
        and (own is not None or len(assessments) < required),
        names_shown=office,
        limit=plan.call.score_spread_limit,
        rows=[
            CriterionRow(
                criterion=criterion,
                scores=[result.scores.get(criterion.pk) for result in results],
                difference=_difference([result.scores.get(criterion.pk) for result in results]),
            )
            for criterion in criteria
        ],
    )
    totals = [result.total for result in results if result.total is not None]
    if final and totals:
        view.score = mean(totals)
        if len(totals) > 1:
            view.spread = max(totals) - min(totals)
            view.flagged = view.spread > view.limit
    return view


def _difference(scores: list[Score | None]) -> int | None:
    points = [score.points for score in scores if score is not None]
    return max(points) - min(points) if len(points) > 1 else None


def assessment_open_for(*, plan: Any, user: Any, criteria: list[Criterion]) -> bool:
    """Whether the user may score the plan now (the office, a plan under review, criteria
    set); the services check the rest (a third assessor)."""
    return bool(criteria) and plan.state in ASSESSABLE_STATES and may_assess(user, plan)


# --- the plan list's score ----------------------------------------------------------------


def _plan_score() -> Subquery:
    """The plan's score (the mean of its assessments' totals) as one SQL aggregate."""
    weight = Cast(F("criterion__weight"), FloatField())
    totals = (
        Score.objects.filter(assessment__plan_id=OuterRef("pk"))
        .order_by()
        .values("assessment__plan_id")
        .annotate(
            total=Value(100.0)
            * Sum(Cast(F("points"), FloatField()) * weight)
            / Sum(Cast(F("criterion__max_points"), FloatField()) * weight)
        )
        .values("total")
    )
    return Subquery(totals, output_field=FloatField())


def _assessment_count() -> Coalesce:
    counts = (
        Assessment.objects.filter(plan_id=OuterRef("pk"))
        .order_by()
        .values("plan_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def plan_list_with_score(plans: QuerySet[Any], *, user: Any) -> QuerySet[Any]:
    """The plans annotated with `assessment_score` (0–100, None when not shown): to the
    regional office once a plan has every assessment its call asks for (or is decided), to
    its provider once it is decided, to nobody else — the same rules as the plan page, so
    sorting by it reveals nothing more."""
    roles = roles_of(user)
    if not (roles.region_ids or roles.provider_ids):
        return plans.annotate(assessment_score=Value(None, output_field=FloatField()))
    decided = Q(state__in=DECIDED_STATES)
    whens = []
    if roles.region_ids:
        plans = plans.annotate(assessment_count=_assessment_count())
        whens.append(
            When(
                Q(call__region_id__in=roles.region_ids)
                & (decided | Q(assessment_count__gte=F("call__assessors_required"))),
                then=_plan_score(),
            )
        )
    if roles.provider_ids:
        whens.append(When(Q(provider_id__in=roles.provider_ids) & decided, then=_plan_score()))
    return plans.annotate(
        assessment_score=Case(*whens, default=Value(None), output_field=FloatField())
    )


# --- reference values ---------------------------------------------------------------------


def reference_value_list_for_user(*, user: Any) -> QuerySet[ReferenceValue]:
    """The reference values of the officer's regions (none for anyone else)."""
    return ReferenceValue.objects.filter(region_id__in=roles_of(user).region_ids).select_related(
        "service_type", "region", "updated_by"
    )


def reference_value_for(
    *, region_id: int, service_type_id: int, unit: str, year: int
) -> ReferenceValue | None:
    """The value in force in `year`: the latest one valid from that year or before."""
    return (
        ReferenceValue.objects.filter(
            region_id=region_id,
            service_type_id=service_type_id,
            unit=unit,
            valid_from_year__lte=year,
        )
        .order_by("-valid_from_year")
        .first()
    )


@dataclass(frozen=True)
class CostComparison:
    """The plan's requested amount per unit of capacity increase beside the region's
    reference value for its § type and unit (in force in the call's first year)."""

    amount: Decimal | None
    increase: Decimal | None
    unit: str
    per_unit: Decimal | None
    reference: ReferenceValue | None
    # The plan's cost per unit as a share of the reference value, in per cent.
    ratio: Decimal | None


def plan_cost_comparison(*, plan: Any) -> CostComparison:
    """What the assessor sees beside the cost criterion. The amount requested is taken as
    a yearly amount; the increase is requested − current capacity (for an inclusion, the
    whole requested capacity). No cost per unit without an amount or an increase."""
    increase = None
    if plan.capacity_requested is not None:
        increase = plan.capacity_requested - (plan.capacity_current or Decimal(0))
    per_unit = None
    if plan.amount_requested is not None and increase is not None and increase > 0:
        per_unit = (plan.amount_requested / increase).quantize(Decimal("0.01"), ROUND_HALF_UP)
    reference = reference_value_for(
        region_id=plan.call.region_id,
        service_type_id=plan.service.service_type_id,
        unit=plan.capacity_unit,
        year=plan.call.period.start_year,
    )
    ratio = None
    if per_unit is not None and reference is not None:
        ratio = (per_unit * 100 / reference.amount).quantize(ONE_PLACE, ROUND_HALF_UP)
    return CostComparison(
        amount=plan.amount_requested,
        increase=increase,
        unit=plan.capacity_unit,
        per_unit=per_unit,
        reference=reference,
        ratio=ratio,
    )
