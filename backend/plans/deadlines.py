"""Reads of the deadlines that run on plans and opinions, with the working days left.

Pages, e-mails and the API show deadlines through these functions, so nobody computes a
deadline by hand. Writes (extensions, stop-the-clock) live in `workflows/deadlines.py`.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from backend.core.deadlines import DeadlineInfo, add_working_days, deadline_info, local_date
from backend.machines.opinion_review.states import OPEN_STATES
from backend.machines.plan_review.states import PlanState


def _shifted(day: dt.date | None, plan: Any) -> dt.date | None:
    if day is None:
        return None
    return add_working_days(day, plan.clock_suspended_days or 0)


def opinion_deadline_for(plan: Any) -> dt.date | None:
    """The opinion deadline of a plan: the call's, moved on by stop-the-clock."""
    return _shifted(plan.call.opinion_deadline, plan)


def council_deadline_for(plan: Any) -> dt.date | None:
    """The council deadline of a plan: the call's, moved on by stop-the-clock."""
    return _shifted(plan.call.council_deadline, plan)


def opinion_deadline_info(*, opinion: Any, today: dt.date | None = None) -> DeadlineInfo | None:
    """The deadline running on an open opinion (the council's while it waits for it)."""
    deadline = opinion.current_deadline
    if opinion.state not in OPEN_STATES or deadline is None:
        return None
    return deadline_info(deadline, today=today)


@dataclass(frozen=True)
class NamedDeadline:
    what: str
    info: DeadlineInfo


def plan_deadline_list(*, plan: Any, today: dt.date | None = None) -> list[NamedDeadline]:
    """Every deadline running on the plan now, each with the working days left.

    A draft: the call's closing day. A returned plan: its completion deadline (the opinion
    deadlines are suspended meanwhile). Under review: each open opinion's deadline, and the
    call's decision date.
    """
    found: list[NamedDeadline] = []
    if plan.state == PlanState.DRAFT:
        found.append(
            NamedDeadline(
                _("Submit by"), deadline_info(local_date(plan.call.closes_at), today=today)
            )
        )
    if plan.state == PlanState.RETURNED and plan.completion_due is not None:
        found.append(
            NamedDeadline(_("Complete by"), deadline_info(plan.completion_due, today=today))
        )
    if plan.state in (PlanState.AWAITING_OPINION, PlanState.AWAITING_COUNCIL):
        for opinion in plan.opinions.select_related("municipality").filter(state__in=OPEN_STATES):
            info = opinion_deadline_info(opinion=opinion, today=today)
            if info is not None:
                found.append(
                    NamedDeadline(
                        _("Opinion of %(municipality)s by")
                        % {"municipality": opinion.municipality},
                        info,
                    )
                )
    if plan.state in (
        PlanState.AWAITING_OPINION,
        PlanState.AWAITING_COUNCIL,
        PlanState.AWAITING_DECISION,
    ):
        decision = plan.call.decision_date
        if decision is not None:
            found.append(NamedDeadline(_("Decision by"), deadline_info(decision, today=today)))
    return found
