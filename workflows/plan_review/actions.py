"""The one door for every state change of a development plan.

Each action is atomic, locks the plan row, checks permission and guards, runs the
transition (which writes the transition log), records the domain event and does the
consequent writes (opinion requests, decision, network register) in the same transaction.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.models import User
from backend.core.deadlines import add_working_days, short_date
from backend.core.locking import atomic_action, lock
from backend.documents.models import DocumentKind
from backend.documents.services import document_generate_for
from backend.machines.errors import TransitionConflict
from backend.machines.guards import guards_remembered
from backend.machines.opinion_review.states import OPEN_STATES
from backend.machines.opinion_review.transitions import OpinionTransition
from backend.machines.plan_review.guards import registration_refusals
from backend.machines.plan_review.routing import next_review_state, opinion_states_remembered
from backend.machines.plan_review.states import DECIDED_STATES, INCLUDED_STATES, PlanState
from backend.machines.plan_review.transitions import PlanTransition as T
from backend.network.choices import LEVELS_OF_OUTCOME, NetworkLevel
from backend.network.services import network_apply_decision
from backend.plans.models import (
    MUNICIPAL_ROUTINGS,
    DevelopmentPlan,
    MunicipalOpinion,
    RegionalDecision,
)
from backend.plans.routing import Addressee, opinion_addressees
from backend.plans.services import opinion_requests_create
from backend.registry.models import Orp
from workflows.deadlines import plan_resume_clock
from workflows.running import ensure_allowed, run_transition

# The plan's open opinions, locked, as a caller that locked many plans read them at once
# (`Prefetch(..., to_attr=OPEN_OPINIONS_LOCKED)`, the lapse sweep): used instead of a read.
OPEN_OPINIONS_LOCKED = "open_opinions_locked"


def open_opinions_locked(plans: list[DevelopmentPlan]) -> list[DevelopmentPlan]:
    """Lock the open opinions of `plans` (locked already) in one query and keep them on
    each plan for `_cancel_open_opinions` (the plan first, then its opinions, as the
    actions lock them)."""
    prefetch_related_objects(
        plans,
        Prefetch(
            "opinions",
            MunicipalOpinion.objects.select_for_update(of=("self",))
            .filter(state__in=OPEN_STATES)
            .order_by("pk"),
            to_attr=OPEN_OPINIONS_LOCKED,
        ),
    )
    return plans


def _lock_with_territory(plan: DevelopmentPlan) -> DevelopmentPlan:
    """The plan locked, its territory (the ORPs with their seats, and the municipalities
    when the call's routing asks them) read once: the guards and the opinion requests all
    ask. Under the other routings nothing reads the municipalities."""
    plan = lock(plan)
    territory: list[str | Prefetch[Any]] = [Prefetch("orps", Orp.objects.select_related("seat"))]
    if plan.call.opinion_routing in MUNICIPAL_ROUTINGS:
        territory.append("municipalities")
    prefetch_related_objects([plan], *territory)
    return plan


def plan_submit(*, plan: DevelopmentPlan, by: User) -> DevelopmentPlan:
    """Submit a draft within the call window; requests an opinion from each touched ORP."""
    with atomic_action():
        plan = _lock_with_territory(plan)
        # The opinion requests change none of what the guards read: they are asked once.
        # Creating them reads every opinion of the plan: the routing (the transition's
        # target) asks no second time.
        with guards_remembered(), opinion_states_remembered():
            ensure_allowed(plan, T.SUBMIT, by=by)
            opinion_requests_create(plan=plan)
            run_transition(plan, T.SUBMIT, by=by)
        document_generate_for(kind=DocumentKind.PLAN, plan=plan, by=by)
    return plan


def plan_return_for_completion(
    *, plan: DevelopmentPlan, by: User, reason: str, due: dt.date | None = None
) -> DevelopmentPlan:
    """Return a plan under review to the provider, saying what to complete and by when
    (default: the call's number of working days from today)."""
    with atomic_action():
        plan = lock(plan)
        ensure_allowed(plan, T.RETURN_FOR_COMPLETION, by=by)
        if not reason.strip():
            raise ValidationError({"reason": _("Say what the provider has to complete.")})
        due = due or add_working_days(timezone.localdate(), plan.call.completion_days)
        if due < timezone.localdate():
            raise ValidationError({"due": _("The completion deadline cannot lie in the past.")})
        run_transition(plan, T.RETURN_FOR_COMPLETION, by=by, comment=reason, due=due)
    return plan


def plan_resubmit(*, plan: DevelopmentPlan, by: User, comment: str = "") -> DevelopmentPlan:
    """Send a completed plan back into review: opinions are requested from newly touched ORPs,
    and open ones of ORPs the completed plan no longer touches are cancelled."""
    with atomic_action():
        plan = _lock_with_territory(plan)
        ensure_allowed(plan, T.RESUBMIT, by=by)
        plan_resume_clock(plan=plan)
        _cancel_open_opinions(
            plan,
            by=by,
            comment=_("The completed plan no longer concerns this municipality."),
            keep=opinion_addressees(plan),
        )
        with opinion_states_remembered():  # as in plan_submit
            opinion_requests_create(plan=plan)
            run_transition(plan, T.RESUBMIT, by=by, comment=comment)
        document_generate_for(kind=DocumentKind.PLAN, plan=plan, by=by)
    return plan


def plan_withdraw(*, plan: DevelopmentPlan, by: User, comment: str = "") -> DevelopmentPlan:
    """The provider withdraws its plan before the decision; open opinions are cancelled."""
    with atomic_action():
        plan = lock(plan)
        run_transition(plan, T.WITHDRAW, by=by, comment=comment)
        _cancel_open_opinions(plan, by=by, comment=_("The plan was withdrawn."))
    return plan


def plan_route(*, plan: DevelopmentPlan, by: User | None, comment: str) -> DevelopmentPlan:
    """Move a plan on after an opinion changed, if it now waits for something else.

    Called by the opinion actions inside their transaction, with the plan already locked.
    """
    # The check and the transition's target read the same opinions, which change in between
    # no more: once.
    with opinion_states_remembered():
        if plan.state in (PlanState.AWAITING_OPINION, PlanState.AWAITING_COUNCIL) and (
            next_review_state(plan) != plan.state
        ):
            run_transition(plan, T.ROUTE, by=by, check_permission=False, comment=comment)
    return plan


def plan_lapse(*, plan: DevelopmentPlan) -> DevelopmentPlan:
    """The system lapses a returned plan whose completion deadline has passed."""
    with atomic_action():
        plan = lock(plan)
        run_transition(
            plan,
            T.LAPSE,
            by=None,
            comment=_("Not completed by %(due)s.") % {"due": short_date(plan.completion_due)},
        )
        _cancel_open_opinions(plan, by=None, comment=_("The plan lapsed."))
    return plan


def _cancel_open_opinions(
    plan: DevelopmentPlan,
    *,
    by: User | None,
    comment: str,
    keep: list[Addressee] | None = None,
) -> None:
    """Opinions still open on a plan that left the review are no longer needed; with
    `keep`, only those of other addressees (a municipality the completed plan no longer
    concerns has nothing left to give an opinion on)."""
    opinions = getattr(plan, OPEN_OPINIONS_LOCKED, None)
    if opinions is None:
        opinions = plan.opinions.select_for_update().filter(state__in=OPEN_STATES)
    kept = {addressee.key for addressee in keep or ()}
    for opinion in opinions:
        if keep is not None and (opinion.municipality_id, opinion.role) in kept:
            continue
        run_transition(
            opinion, OpinionTransition.CANCEL, by=by, check_permission=False, comment=comment
        )


def plan_decide(
    *,
    plan: DevelopmentPlan,
    by: User,
    outcome: str,
    body: str,
    resolution_number: str,
    resolution_date: dt.date,
    conditions: str = "",
    approved_capacity: Decimal | None = None,
    remedy_due: dt.date | None = None,
    level: str = "",
) -> RegionalDecision:
    """Record the region's decision; an inclusion writes the network register at `level`
    (empty: the outcome's first level — included, or Z1v for an inclusion with conditions).
    An inclusion with no `approved_capacity` approves the requested capacity (stored on the
    decision)."""
    with atomic_action():
        plan = lock(plan)
        with guards_remembered():  # the checks in between change nothing: guards asked once
            ensure_allowed(plan, T.DECIDE, by=by)
            level = _validate_decision(
                outcome=outcome,
                conditions=conditions,
                resolution_number=resolution_number,
                level=level,
            )
            refusals = registration_refusals(plan, outcome)
            if refusals:
                raise TransitionConflict(refusals)
            run_transition(plan, T.DECIDE, by=by, comment=conditions, outcome=outcome)
        decision = RegionalDecision(
            plan=plan,
            outcome=outcome,
            body=body,
            resolution_number=resolution_number,
            resolution_date=resolution_date,
            conditions=conditions,
            approved_capacity=_approved_capacity(plan, outcome, approved_capacity),
            remedy_due=remedy_due,
            level=level,
            decided_by=by,
        )
        # The constraints (conditions of a conditional inclusion, one decision per plan) are
        # the ones _validate_decision and the state guard have just checked, each with its
        # message; the database keeps them, so full_clean need not ask it again.
        decision.full_clean(exclude=["plan", "decided_by"], validate_constraints=False)
        decision.save()
        if outcome in INCLUDED_STATES:
            network_apply_decision(plan=plan, decision=decision, by=by)
        document_generate_for(kind=DocumentKind.DECISION, plan=plan, by=by)
    return decision


def _approved_capacity(
    plan: DevelopmentPlan, outcome: str, approved_capacity: Decimal | None
) -> Decimal | None:
    """The capacity an inclusion approves, stored as a number: left empty, it is the requested
    one, so the letter, the register and the API state the same; none when not included."""
    if outcome not in INCLUDED_STATES:
        return None
    return plan.capacity_requested if approved_capacity is None else approved_capacity


def _validate_decision(*, outcome: str, conditions: str, resolution_number: str, level: str) -> str:
    """Refuse an incomplete decision; return the register level it places the entry at."""
    errors = {}
    levels = LEVELS_OF_OUTCOME.get(outcome, ())
    if level and level not in levels:
        errors["level"] = (
            _("A decision not to include places no entry in the register.")
            if not levels
            else _("An outcome “%(outcome)s” places the entry at one of: %(levels)s.")
            % {
                "outcome": PlanState(outcome).label,
                "levels": ", ".join(str(NetworkLevel(choice).label) for choice in levels),
            }
        )
    if outcome not in DECIDED_STATES:
        errors["outcome"] = _("Choose included, included with conditions or not included.")
    if outcome == PlanState.INCLUDED_WITH_CONDITIONS and not conditions.strip():
        errors["conditions"] = _("State the conditions of the inclusion.")
    if not resolution_number.strip():
        errors["resolution_number"] = _("Give the number of the resolution.")
    if errors:
        raise ValidationError(errors)
    return level or (levels[0] if levels else "")
