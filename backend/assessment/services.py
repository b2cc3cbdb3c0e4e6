"""Writes of the assessment: a call's criteria, the region's reference values and the
regional officers' scores of a plan.

- Criteria are fixed once any plan of the call is scored (a changed weight or scale would
  make earlier totals incomparable): creating, changing and deleting them is then refused.
- `assessment_submit` records one assessor's scores of a plan: every criterion scored
  within its scale, each with a reason. An assessor has one assessment per plan and may
  change it (submitting again replaces its scores) until the plan is decided; the field
  history keeps every earlier version. A call asking for two assessors takes two different
  officers, never a third; one asking for one takes one.
- A plan is assessed while under review (awaiting opinions, a council or the decision):
  not as a draft, not while returned to its provider, not once decided or ended.

Each write runs in one transaction; `assessment_submit` locks the plan's row, so two
officers submitting at once are serialised and the second sees the first's assessment.
"""

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.assessment.models import Assessment, Criterion, ReferenceValue, Score
from backend.assessment.rules import (
    may_assess,
    may_manage_criteria,
    may_manage_reference_values,
)
from backend.assessment.selectors import ASSESSABLE_STATES, call_is_scored, criterion_list
from backend.audit.history import author_set
from backend.core.locking import lock
from backend.machines.errors import TransitionConflict
from backend.registry.models import Region, ServiceType

CRITERION_FIELDS = ("name", "guidance", "weight", "max_points", "order")


def _ensure_criteria_open(call: Any) -> None:
    if call_is_scored(call=call):
        raise TransitionConflict(
            [_("Plans of the call have been scored: its criteria can no longer change.")]
        )


def _ensure_may_manage(by: Any, call: Any) -> None:
    if not may_manage_criteria(by, call):
        raise PermissionDenied(_("Only the regional office of the call sets its criteria."))


def criterion_create(
    *,
    call: Any,
    by: Any,
    name: str,
    weight: Decimal,
    max_points: int,
    guidance: str = "",
    order: int | None = None,
) -> Criterion:
    """Add a criterion to the call (the regional office of its region, before any plan
    of the call is scored). Without an order it comes last."""
    _ensure_may_manage(by, call)
    with transaction.atomic():
        _ensure_criteria_open(call)
        if order is None:
            last = criterion_list(call=call).values_list("order", flat=True).last()
            order = (last or 0) + 1
        criterion = Criterion(
            call=call,
            name=name.strip(),
            guidance=guidance.strip(),
            weight=weight,
            max_points=max_points,
            order=order,
        )
        criterion.full_clean()
        author_set(criterion, by=by)
        criterion.save()
    return criterion


def criterion_update(*, criterion: Criterion, by: Any, **fields: Any) -> Criterion:
    """Change a criterion's name, guidance, weight, scale or order (the regional office,
    before any plan of the call is scored)."""
    _ensure_may_manage(by, criterion.call)
    unknown = set(fields) - set(CRITERION_FIELDS)
    if unknown:
        raise ValueError(f"not a criterion's field: {sorted(unknown)}")
    with transaction.atomic():
        criterion = lock(criterion)
        _ensure_criteria_open(criterion.call)
        for name, value in fields.items():
            setattr(criterion, name, value.strip() if isinstance(value, str) else value)
        criterion.full_clean()
        author_set(criterion, by=by)
        criterion.save()
    return criterion


def criterion_delete(*, criterion: Criterion, by: Any) -> None:
    """Remove a criterion (the regional office, before any plan of the call is scored)."""
    _ensure_may_manage(by, criterion.call)
    with transaction.atomic():
        criterion = lock(criterion)
        _ensure_criteria_open(criterion.call)
        author_set(criterion, by=by)
        criterion.delete()


def criteria_copy(*, source: Any, target: Any, by: Any = None) -> int:
    """Copy the criteria of call `source` to call `target` (name, guidance, weight, scale,
    order) and return how many were created. A criterion whose name the target already has
    is skipped, so copying twice creates nothing more. Refused once a plan of the target is
    scored. With `by` the caller's permission on the target is checked here; without it
    (the generic copy of a call's configuration) the caller has checked it."""
    if by is not None:
        _ensure_may_manage(by, target)
    with transaction.atomic():
        _ensure_criteria_open(target)
        existing = set(criterion_list(call=target).values_list("name", flat=True))
        created = 0
        for criterion in criterion_list(call=source):
            if criterion.name in existing:
                continue
            copy = Criterion(
                call=target,
                name=criterion.name,
                guidance=criterion.guidance,
                weight=criterion.weight,
                max_points=criterion.max_points,
                order=criterion.order,
            )
            author_set(copy, by=by)
            copy.save()
            created += 1
    return created


def reference_value_set(
    *,
    region: Region,
    by: Any,
    service_type: ServiceType,
    unit: str,
    valid_from_year: int,
    amount: Decimal,
    note: str = "",
    reference_value: ReferenceValue | None = None,
) -> ReferenceValue:
    """Record the region's reference value of a § type and unit from a year on (the
    regional officers of the region). Given `reference_value`, that row is changed;
    otherwise the value of the same type, unit and year is replaced, or a new one added."""
    if not may_manage_reference_values(by, region):
        raise PermissionDenied(_("Only the regional office keeps its reference values."))
    with transaction.atomic():
        if reference_value is None:
            reference_value = ReferenceValue.objects.filter(
                region=region,
                service_type=service_type,
                unit=unit,
                valid_from_year=valid_from_year,
            ).first() or ReferenceValue(region=region)
        elif reference_value.region_id != region.pk:
            raise PermissionDenied(_("Only the regional office keeps its reference values."))
        else:
            reference_value = lock(reference_value)
        reference_value.service_type = service_type
        reference_value.unit = unit
        reference_value.valid_from_year = valid_from_year
        reference_value.amount = amount
        reference_value.note = note.strip()
        reference_value.updated_by = by
        reference_value.full_clean()
        author_set(reference_value, by=by)
        reference_value.save()
    return reference_value


def _validated_scores(
    criteria: list[Criterion], scores: Mapping[int, tuple[int | None, str]]
) -> dict[int, tuple[int, str]]:
    """Every criterion scored within its scale with a reason; errors by field
    (`points_<criterion id>`, `reason_<criterion id>`, `scores` for unknown criteria)."""
    errors: dict[str, str] = {}
    known = {criterion.pk for criterion in criteria}
    unknown = set(scores) - known
    if unknown:
        errors["scores"] = _("These are no criteria of the call: %(ids)s.") % {
            "ids": ", ".join(str(pk) for pk in sorted(unknown))
        }
    clean: dict[int, tuple[int, str]] = {}
    for criterion in criteria:
        points, reason = scores.get(criterion.pk, (None, ""))
        if points is None:
            errors[f"points_{criterion.pk}"] = _("Score “%(name)s”.") % {"name": criterion.name}
        elif not 0 <= points <= criterion.max_points:
            errors[f"points_{criterion.pk}"] = _(
                "“%(name)s” is scored from 0 to %(max)d points."
            ) % {"name": criterion.name, "max": criterion.max_points}
        if not (reason or "").strip():
            errors[f"reason_{criterion.pk}"] = _("Give the reason for the score of “%(name)s”.") % {
                "name": criterion.name
            }
        if points is not None:
            clean[criterion.pk] = (points, (reason or "").strip())
    if errors:
        raise ValidationError(errors)
    return clean


def assessment_submit(
    *,
    plan: Any,
    by: Any,
    scores: Mapping[int, tuple[int | None, str]],
    at: dt.datetime | None = None,
) -> Assessment:
    """Record (or replace) `by`'s assessment of the plan: `scores` maps each criterion's
    id to (points, reason). Only a regional officer of the plan's region, only while the
    plan is under review; every criterion of the call scored within its scale, with a
    reason. The call says how many officers assess a plan (1 or 2): a further officer is
    refused, the same officer only changes their own assessment."""
    if not may_assess(by, plan):
        raise PermissionDenied(_("Only the regional office of the plan's region assesses it."))
    with transaction.atomic():
        plan = lock(plan)
        if plan.state not in ASSESSABLE_STATES:
            raise TransitionConflict(
                [
                    _("A plan is assessed while it is under review, not when it is “%(state)s”.")
                    % {"state": plan.state_label}
                ]
            )
        criteria = list(criterion_list(call=plan.call))
        if not criteria:
            raise TransitionConflict([_("The call has no assessment criteria yet.")])
        clean = _validated_scores(criteria, scores)
        assessment = Assessment.objects.filter(plan_id=plan.pk, assessor_id=by.pk).first()
        if assessment is None:
            others = Assessment.objects.filter(plan_id=plan.pk).count()
            if others >= plan.call.assessors_required:
                raise TransitionConflict(
                    [
                        _(
                            "The plan has already been assessed by the %(count)d officers the call asks for."
                        )
                        % {"count": plan.call.assessors_required}
                    ]
                )
            assessment = Assessment(plan=plan, assessor=by)
        assessment.submitted_at = at or timezone.now()
        author_set(assessment, by=by)
        assessment.save()
        existing = {score.criterion_id: score for score in assessment.scores.all()}
        for criterion in criteria:
            points, reason = clean[criterion.pk]
            score = existing.get(criterion.pk) or Score(assessment=assessment, criterion=criterion)
            if score.pk is not None and (score.points, score.reason) == (points, reason):
                continue
            score.points, score.reason = points, reason
            author_set(score, by=by)
            score.save()
    return assessment
