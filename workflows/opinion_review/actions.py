"""The one door for every state change of a municipal opinion.

The plan row is locked before the opinion (the same order as the plan's actions, so two
actions cannot deadlock); after each change the plan is routed on when it waits for nothing.
"""

import datetime as dt
from decimal import Decimal
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

from backend.accounts.models import User
from backend.audit.history import author_set
from backend.core.deadlines import short_date
from backend.core.locking import atomic_action, lock
from backend.documents.models import DocumentKind
from backend.documents.services import document_generate_for
from backend.machines.opinion_review.rules import council_required
from backend.machines.opinion_review.states import OpinionState, Verdict
from backend.machines.opinion_review.transitions import OpinionTransition as T
from backend.plans.deadlines import council_deadline_for
from backend.plans.models import CouncilResolution, MunicipalOpinion
from workflows.plan_review.actions import plan_route
from workflows.running import ensure_allowed, run_transition


class _Draft(TypedDict):
    """The draft's fields (`OpinionMachine.fill_draft`)."""

    verdict: str
    reasoning: str
    conditions: str
    cofinancing_amount: Decimal | None
    needs_council: bool


def _locked(opinion: MunicipalOpinion) -> MunicipalOpinion:
    return lock(opinion, attach=[lock(opinion.plan)])


def _route(opinion: MunicipalOpinion, by: User | None) -> None:
    plan_route(
        plan=lock(opinion.plan),
        by=by,
        comment=_("Opinion of %(municipality)s: %(state)s.")
        % {"municipality": opinion.municipality, "state": opinion.get_state_display()},
    )


def opinion_draft(
    *,
    opinion: MunicipalOpinion,
    by: User,
    verdict: str,
    reasoning: str = "",
    conditions: str = "",
    cofinancing_amount: Decimal | None = None,
) -> MunicipalOpinion:
    """Save the municipality's draft; decides by the call's rule whether it needs the council.

    The first save moves the opinion to "drafted" (a transition, logged). Saving the draft
    again changes only its fields: no transition is logged (no "drafted → drafted" line in
    the history), the field history records who changed what."""
    with atomic_action():
        opinion = _locked(opinion)
        ensure_allowed(opinion, T.DRAFT, by=by)
        _validate_draft(
            verdict=verdict, conditions=conditions, cofinancing_amount=cofinancing_amount
        )
        fields: _Draft = {
            "verdict": verdict,
            "reasoning": reasoning,
            "conditions": conditions,
            "cofinancing_amount": cofinancing_amount,
            "needs_council": council_required(
                plan=opinion.plan, verdict=verdict, cofinancing_amount=cofinancing_amount
            ),
        }
        if opinion.state == OpinionState.DRAFTED:
            opinion.fill_draft(**fields)
            author_set(opinion, by=by)
            opinion.save()
        else:
            run_transition(opinion, T.DRAFT, by=by, **fields)
    return opinion


def _validate_draft(*, verdict: str, conditions: str, cofinancing_amount: Decimal | None) -> None:
    if verdict not in Verdict.values:
        raise ValidationError(
            {"verdict": _("Choose supports, supports with conditions or does not support.")}
        )
    if verdict == Verdict.SUPPORTS_WITH_CONDITIONS and not conditions.strip():
        raise ValidationError({"conditions": _("State the conditions of the support.")})
    if cofinancing_amount is not None and cofinancing_amount < 0:
        raise ValidationError({"cofinancing_amount": _("Co-financing cannot be negative.")})


def opinion_issue(*, opinion: MunicipalOpinion, by: User, comment: str = "") -> MunicipalOpinion:
    """Issue an opinion that needs no council resolution."""
    with atomic_action():
        opinion = _locked(opinion)
        run_transition(opinion, T.ISSUE, by=by, comment=comment)
        document_generate_for(kind=DocumentKind.OPINION, plan=opinion.plan, opinion=opinion, by=by)
        _route(opinion, by)
    return opinion


def opinion_send_to_council(
    *, opinion: MunicipalOpinion, by: User, comment: str = ""
) -> MunicipalOpinion:
    """Hand a committing opinion to the municipal council."""
    with atomic_action():
        opinion = _locked(opinion)
        run_transition(
            opinion,
            T.SEND_TO_COUNCIL,
            by=by,
            comment=comment,
            council_due=council_deadline_for(opinion.plan),
        )
        _route(opinion, by)
    return opinion


def opinion_record_resolution(
    *,
    opinion: MunicipalOpinion,
    by: User,
    number: str,
    meeting_date: dt.date,
    outcome: str,
    document: "File[bytes] | None" = None,
) -> MunicipalOpinion:
    """Record the council's resolution (one resolution may cover several opinions) and
    issue the opinion; a rejecting resolution turns it into "does not support"."""
    with atomic_action():
        opinion = _locked(opinion)
        ensure_allowed(opinion, T.RECORD_RESOLUTION, by=by)
        resolution = CouncilResolution.objects.filter(
            municipality=opinion.municipality, number=number
        ).first()
        if resolution is None:
            resolution = CouncilResolution(
                municipality=opinion.municipality,
                number=number,
                meeting_date=meeting_date,
                outcome=outcome,
                recorded_by=by,
            )
            if document is not None:
                resolution.document = document
            resolution.full_clean()
            resolution.save()
        elif (resolution.meeting_date, resolution.outcome) != (meeting_date, outcome):
            raise ValidationError(
                {
                    "number": _(
                        "Resolution %(number)s is already recorded with another date or outcome."
                    )
                    % {"number": number}
                }
            )
        run_transition(
            opinion, T.RECORD_RESOLUTION, by=by, resolution=resolution, comment=str(resolution)
        )
        document_generate_for(kind=DocumentKind.OPINION, plan=opinion.plan, opinion=opinion, by=by)
        _route(opinion, by)
    return opinion


def opinion_expire(*, opinion: MunicipalOpinion) -> MunicipalOpinion:
    """The system records an opinion as not given once its deadline has passed."""
    with atomic_action():
        opinion = _locked(opinion)
        run_transition(
            opinion,
            T.EXPIRE,
            by=None,
            comment=_("Not given by %(due)s.") % {"due": short_date(opinion.current_deadline)},
        )
        _route(opinion, None)
    return opinion
