"""Conditions of the plan's transitions, each with the reason shown when it fails."""

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backend.core.deadlines import short_date
from backend.machines.guards import guard
from backend.machines.plan_review.states import INCLUDED_STATES


# What the guards read of a plan (`backend.plans.models.DevelopmentPlan`), its call and its
# service: the machine sits under the models, so it names what it needs, not the models.
class PlanCall(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def opens_at(self) -> dt.datetime: ...
    @property
    def closes_at(self) -> dt.datetime: ...
    @property
    def registration_cutoff(self) -> dt.date | None: ...
    def accepts_submissions(self, at: dt.datetime) -> bool: ...


class PlanService(Protocol):
    @property
    def registered_on(self) -> dt.date | None: ...


class ReviewedPlan(Protocol):
    @property
    def call(self) -> PlanCall: ...
    @property
    def service(self) -> PlanService: ...
    @property
    def completion_due(self) -> dt.date | None: ...
    def missing_fields(self) -> Sequence[Promise | str]: ...
    def register_refusals(self) -> Sequence[str]: ...


def _late_reason(plan: ReviewedPlan) -> str:
    closes = formats.date_format(timezone.localtime(plan.call.closes_at), "DATETIME_FORMAT")
    opens = formats.date_format(timezone.localtime(plan.call.opens_at), "DATETIME_FORMAT")
    return _(
        "The call “%(call)s” does not accept plans now: submissions are open from %(opens)s "
        "to %(closes)s."
    ) % {"call": plan.call.name, "opens": opens, "closes": closes}


@guard(_late_reason)
def call_accepts_submission(plan: ReviewedPlan) -> bool:
    return bool(plan.call.accepts_submissions(timezone.now()))


def _incomplete_reason(plan: ReviewedPlan) -> str:
    return _("The plan is incomplete: %(missing)s.") % {
        "missing": ", ".join(str(label) for label in plan.missing_fields())
    }


@guard(_incomplete_reason)
def plan_is_complete(plan: ReviewedPlan) -> bool:
    return not plan.missing_fields()


def _registry_reason(plan: ReviewedPlan) -> str:
    return " ".join(plan.register_refusals())


@guard(_registry_reason)
def plan_agrees_with_registry(plan: ReviewedPlan) -> bool:
    """The service's unit fits its form and the current capacity is the register's: the
    register may have changed since the draft was saved (another plan decided)."""
    return not plan.register_refusals()


@guard(gettext_lazy("The deadline for completing the plan has not passed yet."))
def completion_overdue(plan: ReviewedPlan) -> bool:
    return plan.completion_due is not None and plan.completion_due < timezone.localdate()


def _completion_late_reason(plan: ReviewedPlan) -> str:
    return _("The plan had to be completed by %(due)s; it can no longer be resubmitted.") % {
        "due": short_date(plan.completion_due)
    }


@guard(_completion_late_reason)
def completion_in_time(plan: ReviewedPlan) -> bool:
    """The deadline decides, so a late lapse task cannot let a late completion in."""
    return not completion_overdue.check(plan)


def registration_refusals(plan: ReviewedPlan, outcome: str) -> list[str]:
    """Why the plan cannot be included with `outcome` (the call's registration cut-off)."""
    cutoff = plan.call.registration_cutoff
    if outcome not in INCLUDED_STATES or cutoff is None:
        return []
    registered_on = plan.service.registered_on
    if registered_on is None or registered_on > cutoff:
        return [
            _("The service must be registered by %(cutoff)s to be included in the network.")
            % {"cutoff": formats.date_format(cutoff, "SHORT_DATE_FORMAT")}
        ]
    return []
