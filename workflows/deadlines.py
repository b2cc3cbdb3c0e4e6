"""The one door for moving deadlines: extensions by the regional office and stop-the-clock.

A deadline never changes without a `DeadlineChange` row saying from when to when and why, and
a domain event in the outbox (`deadlinechange.change`, its "transition" `CHANGE_EVENT`) so the people it concerns are told.
Reminders are keyed by the deadline, so they follow the new date and reminders of the old
date are no longer sent.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from backend.accounts.models import User
from backend.core.deadlines import (
    add_working_days,
    local_date,
    short_date,
    today_in_prague,
    working_days_between,
)
from backend.core.locking import lock
from backend.events.services import event_record
from backend.machines.errors import TransitionConflict, TransitionForbidden
from backend.machines.opinion_review.states import OPEN_STATES, OpinionState
from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from workflows.models import DeadlineCause, DeadlineChange, DeadlineField

# What a moved deadline's event names in place of a transition: a `DeadlineChange` is no state
# machine; its event's kind is `event_kind(DeadlineChange, CHANGE_EVENT)`.
CHANGE_EVENT = "change"


def _new_date(
    *, current: dt.date | None, until: dt.date | None, working_days: int | None
) -> dt.date:
    if (until is None) == (working_days is None):
        raise ValidationError(
            {"until": _("Give either the new date or a number of working days, not both.")}
        )
    if until is None:
        if working_days is None or working_days <= 0:
            raise ValidationError({"working_days": _("Give a positive number of working days.")})
        until = add_working_days(current or today_in_prague(), working_days)
    if current is not None and until <= current:
        raise ValidationError(
            {
                "until": _("An extension must move the deadline past %(date)s.")
                % {"date": short_date(current)}
            }
        )
    return until


def _move(
    *,
    plan: DevelopmentPlan,
    opinion: MunicipalOpinion | None,
    field: str,
    new: dt.date,
    cause: str,
    reason: str,
    by: User | None,
    working_days: int | None = None,
) -> DeadlineChange:
    target: DevelopmentPlan | MunicipalOpinion = opinion or plan
    old = getattr(target, field)
    setattr(target, field, new)
    target.save(update_fields=[field])
    change = DeadlineChange.objects.create(
        plan=plan,
        opinion=opinion,
        field=field,
        old_date=old,
        new_date=new,
        cause=cause,
        working_days=working_days,
        reason=reason,
        changed_by=by,
    )
    event_record(
        subject=change,
        transition=CHANGE_EVENT,
        source=old.isoformat() if old else "",
        target=new.isoformat(),
        actor=by,
        comment=reason,
    )
    return change


def _running_field(opinion: MunicipalOpinion) -> str:
    if opinion.state == OpinionState.AWAITING_COUNCIL and opinion.council_due is not None:
        return DeadlineField.COUNCIL
    return DeadlineField.OPINION


def _check(plan: DevelopmentPlan, by: User | None, reason: str) -> None:
    if by is None or not by.has_perm("plans.review_plan", plan):
        raise TransitionForbidden()
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the deadline is extended.")})
    try:
        DeadlineChange._meta.get_field("reason").run_validators(reason)
    except ValidationError as error:
        raise ValidationError({"reason": error.messages}) from error


def plan_extend_deadline(
    *,
    plan: DevelopmentPlan,
    by: User,
    reason: str,
    until: dt.date | None = None,
    working_days: int | None = None,
) -> list[DeadlineChange]:
    """Extend the deadline running on a plan, to a date or by N working days.

    A returned plan's completion deadline moves; a plan waiting for opinions has the running
    deadline of each open opinion moved. Only the plan's regional officers may do it.
    """
    with transaction.atomic():
        plan = lock(plan)
        _check(plan, by, reason)
        if plan.state == PlanState.RETURNED:
            new = _new_date(current=plan.completion_due, until=until, working_days=working_days)
            return [
                _move(
                    plan=plan,
                    opinion=None,
                    field=DeadlineField.COMPLETION,
                    new=new,
                    cause=DeadlineCause.EXTENSION,
                    reason=reason,
                    by=by,
                    working_days=working_days,
                )
            ]
        opinions = list(plan.opinions.select_for_update().filter(state__in=OPEN_STATES))
        if plan.state not in (PlanState.AWAITING_OPINION, PlanState.AWAITING_COUNCIL) or not (
            opinions
        ):
            raise TransitionConflict(_("No deadline of this plan is running now."))
        return [
            _extend_opinion(opinion, plan, by, reason, until, working_days) for opinion in opinions
        ]


def opinion_extend_deadline(
    *,
    opinion: MunicipalOpinion,
    by: User,
    reason: str,
    until: dt.date | None = None,
    working_days: int | None = None,
) -> DeadlineChange:
    """Extend one open opinion's running deadline (the council's while it waits for it)."""
    with transaction.atomic():
        plan = lock(opinion.plan)
        opinion = lock(opinion, attach=[plan])
        _check(plan, by, reason)
        if opinion.state not in OPEN_STATES:
            raise TransitionConflict(_("The opinion is final; its deadline no longer runs."))
        return _extend_opinion(opinion, plan, by, reason, until, working_days)


def _extend_opinion(
    opinion: MunicipalOpinion,
    plan: DevelopmentPlan,
    by: User,
    reason: str,
    until: dt.date | None,
    working_days: int | None,
) -> DeadlineChange:
    field = _running_field(opinion)
    new = _new_date(current=getattr(opinion, field), until=until, working_days=working_days)
    return _move(
        plan=plan,
        opinion=opinion,
        field=field,
        new=new,
        cause=DeadlineCause.EXTENSION,
        reason=reason,
        by=by,
        working_days=working_days,
    )


def plan_resume_clock(*, plan: DevelopmentPlan) -> list[DeadlineChange]:
    """Stop-the-clock: on resubmission, move the open opinions' deadlines on by the working
    days the plan spent with its provider. Runs inside the resubmission's transaction with
    the plan locked; the plan row is saved by the transition that follows."""
    if plan.returned_at is None:
        return []
    returned_on, resubmitted_on = local_date(plan.returned_at), today_in_prague()
    spent = working_days_between(returned_on, resubmitted_on)
    if spent <= 0:
        return []
    plan.clock_suspended_days += spent
    reason = _(
        "Stop-the-clock: the plan spent %(days)d working day(s) with the provider for "
        "completion (returned on %(returned)s, resubmitted on %(resubmitted)s)."
    ) % {
        "days": spent,
        "returned": short_date(returned_on),
        "resubmitted": short_date(resubmitted_on),
    }
    changes = []
    for opinion in plan.opinions.select_for_update().filter(state__in=OPEN_STATES):
        for field in (DeadlineField.OPINION, DeadlineField.COUNCIL):
            old = getattr(opinion, field)
            if old is not None:
                changes.append(
                    _move(
                        plan=plan,
                        opinion=opinion,
                        field=field,
                        new=add_working_days(old, spent),
                        cause=DeadlineCause.CLOCK_STOPPED,
                        reason=reason,
                        by=None,
                        working_days=spent,
                    )
                )
    return changes
