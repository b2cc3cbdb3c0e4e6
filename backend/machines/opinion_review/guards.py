"""Conditions of the municipal opinion's transitions."""

import datetime as dt
from typing import Protocol

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.machines.guards import guard
from backend.machines.plan_review.states import PlanState


# What the guards read of an opinion (`backend.plans.models.MunicipalOpinion`) and its plan.
class OpinionPlan(Protocol):
    @property
    def state(self) -> str: ...


class ReviewedOpinion(Protocol):
    @property
    def plan(self) -> OpinionPlan: ...
    @property
    def verdict(self) -> str: ...
    @property
    def needs_council(self) -> bool: ...
    @property
    def current_deadline(self) -> dt.date | None: ...


@guard(_("The plan is not under review, so no opinion can be given on it now."))
def plan_under_review(opinion: ReviewedOpinion) -> bool:
    return opinion.plan.state in (
        PlanState.AWAITING_OPINION,
        PlanState.AWAITING_COUNCIL,
        PlanState.RETURNED,
    )


@guard(_("Choose the verdict of the opinion first."))
def has_verdict(opinion: ReviewedOpinion) -> bool:
    return bool(opinion.verdict)


@guard(_("This opinion commits the municipality; its council must approve it by a resolution."))
def council_not_needed(opinion: ReviewedOpinion) -> bool:
    return not opinion.needs_council


@guard(_("This opinion does not need a council resolution; issue it directly."))
def council_needed(opinion: ReviewedOpinion) -> bool:
    return bool(opinion.needs_council)


@guard(_("The opinion deadline has not passed yet."))
def deadline_passed(opinion: ReviewedOpinion) -> bool:
    """The running deadline (the council's while the opinion waits for it) has passed."""
    deadline = opinion.current_deadline
    return deadline is not None and deadline < timezone.localdate()


@guard(
    _(
        "The plan is with its provider for completion: the opinion deadline is suspended "
        "until the plan is resubmitted."
    )
)
def clock_running(opinion: ReviewedOpinion) -> bool:
    return opinion.plan.state != PlanState.RETURNED
