"""The municipal opinion's state machine.

requested → drafted → issued, or drafted → awaiting_council → issued once the council's
resolution is recorded; open opinions become not_given at the deadline or cancelled when the
plan is withdrawn.
"""

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description

from backend.machines.opinion_review.guards import (
    clock_running,
    council_needed,
    council_not_needed,
    deadline_passed,
    has_verdict,
    plan_under_review,
)
from backend.machines.opinion_review.states import OPEN_STATES, OpinionState, Verdict
from backend.machines.permissions import rule, system_only

if TYPE_CHECKING:
    from backend.accounts.models import User

S = OpinionState


class Resolution(Protocol):
    """The council's resolution (`backend.plans.models.CouncilResolution`) as the machine
    reads it."""

    @property
    def approved(self) -> bool: ...


class OpinionMachine(FSMModelMixin, models.Model):
    state = FSMField(
        _("state"), default=S.REQUESTED, choices=S.choices, protected=True, db_index=True
    )

    # The fields of the opinion (backend.plans.models.MunicipalOpinion) that the transitions
    # set.
    verdict: str
    reasoning: str
    conditions: str
    cofinancing_amount: Decimal | None
    needs_council: bool
    council_due: dt.date | None
    issued_at: dt.datetime | None
    issued_by: "User | None"
    resolution: Resolution | None

    class Meta:
        abstract = True

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=[S.REQUESTED, S.DRAFTED],
        target=S.DRAFTED,
        conditions=[plan_under_review],
        permission=rule("plans.draft_opinion"),
        custom={"label": _("Save draft")},
    )
    def draft(
        self,
        *,
        verdict: str,
        reasoning: str,
        conditions: str,
        cofinancing_amount: Decimal | None,
        needs_council: bool,
        by: "User | None" = None,
        description: str | None = None,
    ) -> None:
        self.fill_draft(
            verdict=verdict,
            reasoning=reasoning,
            conditions=conditions,
            cofinancing_amount=cofinancing_amount,
            needs_council=needs_council,
        )

    def fill_draft(
        self,
        *,
        verdict: str,
        reasoning: str,
        conditions: str,
        cofinancing_amount: Decimal | None,
        needs_council: bool,
    ) -> None:
        """The draft's fields, set by the first draft and by every re-save of it."""
        self.verdict = verdict
        self.reasoning = reasoning
        self.conditions = conditions
        self.cofinancing_amount = cofinancing_amount
        self.needs_council = needs_council

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=S.DRAFTED,
        target=S.AWAITING_COUNCIL,
        conditions=[plan_under_review, has_verdict, council_needed],
        permission=rule("plans.draft_opinion"),
        custom={"label": _("Send to council")},
    )
    def send_to_council(
        self,
        *,
        council_due: dt.date | None = None,
        by: "User | None" = None,
        description: str | None = None,
    ) -> None:
        """Hand the drafted opinion to the council; the council's deadline runs from now."""
        self.council_due = council_due

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=S.DRAFTED,
        target=S.ISSUED,
        conditions=[plan_under_review, has_verdict, council_not_needed],
        permission=rule("plans.draft_opinion"),
        custom={"label": _("Issue")},
    )
    def issue(self, by: "User | None" = None, description: str | None = None) -> None:
        self.issued_at = timezone.now()
        self.issued_by = by

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=S.AWAITING_COUNCIL,
        target=S.ISSUED,
        permission=rule("plans.record_resolution"),
        custom={"label": _("Record council resolution")},
    )
    def record_resolution(
        self, *, resolution: Resolution, by: "User | None" = None, description: str | None = None
    ) -> None:
        self.resolution = resolution
        self.issued_at = timezone.now()
        self.issued_by = by
        if not resolution.approved:
            # The council did not approve the commitment: the municipality does not support it.
            self.verdict = Verdict.DOES_NOT_SUPPORT

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=list(OPEN_STATES),
        target=S.NOT_GIVEN,
        conditions=[deadline_passed, clock_running],
        permission=system_only,
        custom={"label": _("Record as not given")},
    )
    def expire(self, by: "User | None" = None, description: str | None = None) -> None:
        """The deadline passed without an issued opinion."""

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=list(OPEN_STATES),
        target=S.CANCELLED,
        permission=system_only,
        custom={"label": _("Cancel")},
    )
    def cancel(self, by: "User | None" = None, description: str | None = None) -> None:
        """The plan was withdrawn; the opinion is no longer needed."""
