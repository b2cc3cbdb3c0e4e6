"""The development plan's state machine (see docs/workflow.md for the generated diagram).

Transitions only change fields of the plan's own row; `actions.py` is the one door that
calls them, under a row lock, with the audit log and the domain event.
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import GET_STATE, RETURN_VALUE, FSMField, FSMModelMixin, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description

from backend.machines.permissions import rule, system_only
from backend.machines.plan_review.guards import (
    call_accepts_submission,
    completion_in_time,
    completion_overdue,
    plan_agrees_with_registry,
    plan_is_complete,
)
from backend.machines.plan_review.routing import next_review_state
from backend.machines.plan_review.states import (
    DECIDED_STATES,
    IN_REVIEW_STATES,
    WITHDRAWABLE_STATES,
    PlanState,
)

if TYPE_CHECKING:
    from backend.accounts.models import User

S = PlanState
REVIEW_TARGET = GET_STATE(next_review_state, states=list(IN_REVIEW_STATES))


class PlanMachine(FSMModelMixin, models.Model):
    state = FSMField(_("state"), default=S.DRAFT, choices=S.choices, protected=True, db_index=True)
    # The fields of the plan (backend.plans.models.DevelopmentPlan) that the transitions set.
    submitted_at: dt.datetime | None
    completion_due: dt.date | None
    return_reason: str
    returned_at: dt.datetime | None
    decided_at: dt.datetime | None

    class Meta:
        abstract = True

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=S.DRAFT,
        target=REVIEW_TARGET,
        conditions=[call_accepts_submission, plan_is_complete, plan_agrees_with_registry],
        permission=rule("plans.submit_plan"),
        custom={"label": _("Submit")},
    )
    def submit(self, by: "User | None" = None, description: str | None = None) -> None:
        self.submitted_at = timezone.now()

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=list(IN_REVIEW_STATES),
        target=S.RETURNED,
        permission=rule("plans.review_plan"),
        custom={"label": _("Return for completion")},
    )
    def return_for_completion(
        self, *, due: dt.date, by: "User | None" = None, description: str | None = None
    ) -> None:
        self.completion_due = due
        self.return_reason = description or ""
        # The opinion clock stops now; resubmission moves the opinion deadlines on.
        self.returned_at = timezone.now()

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=S.RETURNED,
        target=REVIEW_TARGET,
        conditions=[plan_is_complete, plan_agrees_with_registry, completion_in_time],
        permission=rule("plans.submit_plan"),
        custom={"label": _("Resubmit")},
    )
    def resubmit(self, by: "User | None" = None, description: str | None = None) -> None:
        self.completion_due = None

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=[S.AWAITING_OPINION, S.AWAITING_COUNCIL],
        target=REVIEW_TARGET,
        permission=system_only,
        custom={"label": _("Move on after the opinions")},
    )
    def route(self, by: "User | None" = None, description: str | None = None) -> None:
        """Re-evaluate where the plan waits after one of its opinions changed."""

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=S.RETURNED,
        target=S.LAPSED,
        conditions=[completion_overdue],
        permission=system_only,
        custom={"label": _("Lapse")},
    )
    def lapse(self, by: "User | None" = None, description: str | None = None) -> None:
        """The provider did not complete the plan in time."""

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=list(WITHDRAWABLE_STATES),
        target=S.WITHDRAWN,
        permission=rule("plans.withdraw_plan"),
        custom={"label": _("Withdraw")},
    )
    def withdraw(self, by: "User | None" = None, description: str | None = None) -> None:
        """The provider takes the plan back before the decision."""

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=S.AWAITING_DECISION,
        target=RETURN_VALUE(*DECIDED_STATES),
        permission=rule("plans.decide_plan"),
        custom={"label": _("Decide")},
    )
    def decide(
        self, *, outcome: str, by: "User | None" = None, description: str | None = None
    ) -> str:
        self.decided_at = timezone.now()
        return outcome
