"""Handing out cases: claim a plan or an opinion, assign it to a colleague, unassign it.

An assignment is not a step of the workflow: it changes no state and no deadline, and it is
written without saving the case, so a provider editing the plan meanwhile is not refused as
stale. Each one is logged (`Assignment`) with an outbox event that tells the new owner.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.absences import on_behalf_of
from backend.accounts.models import Membership, Role, User
from backend.casework.models import Assignment
from backend.core.locking import lock
from backend.events.services import event_record
from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan, MunicipalOpinion

ASSIGN = "assign"  # the transition name of the events (`developmentplan.assign`, …)


def _check_assignee(case: DevelopmentPlan | MunicipalOpinion, assignee: User | None) -> None:
    if assignee is None:
        return
    if not case_owner_candidates(case=case).filter(pk=assignee.pk).exists():
        raise ValidationError(
            {"assignee": _("Only an active officer of the same office can take over the case.")}
        )


def _log(case: DevelopmentPlan | MunicipalOpinion, assignee: User | None, by: User) -> None:
    previous = case.assignee_id
    type(case).objects.filter(pk=case.pk).update(assignee=assignee)
    case.assignee = assignee
    event = event_record(
        subject=case,
        transition=ASSIGN,
        source=case.state,
        target=case.state,
        actor=by,
        comment=assignee.get_full_name() or assignee.username if assignee else "",
    )
    Assignment.objects.create(
        plan=case if isinstance(case, DevelopmentPlan) else None,
        opinion=case if isinstance(case, MunicipalOpinion) else None,
        assignee=assignee,
        assigned_by=by,
        on_behalf_of_id=on_behalf_of(actor=by, owner_id=previous, day=timezone.localdate()),
        event=event,
    )


def plan_assign(*, plan: DevelopmentPlan, assignee: User | None, by: User) -> DevelopmentPlan:
    """Make `assignee` (a regional officer of the plan's region) the owner of a submitted
    plan, or nobody (`assignee=None`). Assigning the current owner again changes nothing."""
    if not by.has_perm("plans.assign_plan", plan):
        raise PermissionDenied(_("Only the regional office can assign its plans."))
    if plan.state == PlanState.DRAFT:
        raise ValidationError(_("A draft is not with the regional office yet."))
    _check_assignee(plan, assignee)
    with transaction.atomic():
        plan = lock(plan)
        if plan.assignee_id != (assignee.pk if assignee else None):
            _log(plan, assignee, by)
    return plan


def plans_assign_bulk(*, plan_ids: Iterable[int], assignee: User | None, by: User) -> int:
    """Assign several plans at once (all or nothing: one the user may not assign, or a
    draft, refuses the lot). Returns how many changed owner."""
    changed = 0
    with transaction.atomic():
        plans = DevelopmentPlan.objects.select_related("call").filter(pk__in=set(plan_ids))
        for plan in plans.order_by("pk"):
            before = plan.assignee_id
            plan = plan_assign(plan=plan, assignee=assignee, by=by)
            changed += before != plan.assignee_id
    return changed


def opinion_assign(
    *, opinion: MunicipalOpinion, assignee: User | None, by: User
) -> MunicipalOpinion:
    """Make `assignee` (a municipal officer of the opinion's municipality) the one who
    prepares the opinion, or nobody."""
    if not by.has_perm("plans.assign_opinion", opinion):
        raise PermissionDenied(_("Only the municipality's officers can assign its opinions."))
    _check_assignee(opinion, assignee)
    with transaction.atomic():
        opinion = lock(opinion)
        if opinion.assignee_id != (assignee.pk if assignee else None):
            _log(opinion, assignee, by)
    return opinion


def case_owner_candidates(*, case: DevelopmentPlan | MunicipalOpinion) -> QuerySet[User]:
    """Whom the case can be given to: the active officers of its office (the regional
    office of a plan's region, the municipality of an opinion)."""
    if isinstance(case, DevelopmentPlan):
        members = Membership.objects.filter(
            role=Role.REGIONAL_OFFICER, region_id=case.call.region_id
        )
    else:
        members = Membership.objects.filter(
            role=Role.MUNICIPAL_OFFICER, municipality_id=case.municipality_id
        )
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by(
        "last_name", "first_name", "username"
    )
