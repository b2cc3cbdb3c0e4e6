"""Conditions of the plan's transitions, each with the reason shown when it fails."""

from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backend.machines.guards import guard
from backend.machines.plan_review.states import INCLUDED_STATES


def _late_reason(plan: Any) -> str:
    closes = formats.date_format(timezone.localtime(plan.call.closes_at), "DATETIME_FORMAT")
    opens = formats.date_format(timezone.localtime(plan.call.opens_at), "DATETIME_FORMAT")
    return _(
        "The call “%(call)s” does not accept plans now: submissions are open from %(opens)s "
        "to %(closes)s."
    ) % {"call": plan.call.name, "opens": opens, "closes": closes}


@guard(_late_reason)
def call_accepts_submission(plan: Any) -> bool:
    return bool(plan.call.accepts_submissions(timezone.now()))


def _incomplete_reason(plan: Any) -> str:
    return _("The plan is incomplete: %(missing)s.") % {
        "missing": ", ".join(str(label) for label in plan.missing_fields())
    }


@guard(_incomplete_reason)
def plan_is_complete(plan: Any) -> bool:
    return not plan.missing_fields()


def _registry_reason(plan: Any) -> str:
    return " ".join(plan.register_refusals())


@guard(_registry_reason)
def plan_agrees_with_registry(plan: Any) -> bool:
    """The service's unit fits its form and the current capacity is the register's: the
    register may have changed since the draft was saved (another plan decided)."""
    return not plan.register_refusals()


@guard(gettext_lazy("The deadline for completing the plan has not passed yet."))
def completion_overdue(plan: Any) -> bool:
    return plan.completion_due is not None and plan.completion_due < timezone.localdate()


def _completion_late_reason(plan: Any) -> str:
    return _("The plan had to be completed by %(due)s; it can no longer be resubmitted.") % {
        "due": formats.date_format(plan.completion_due, "SHORT_DATE_FORMAT")
    }


@guard(_completion_late_reason)
def completion_in_time(plan: Any) -> bool:
    """The deadline decides, so a late lapse task cannot let a late completion in."""
    return not completion_overdue(plan)


def registration_refusals(plan: Any, outcome: str) -> list[str]:
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
