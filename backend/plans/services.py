"""Writes to plans that are not state transitions: creating and editing drafts,
attachments, opinion requests."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from backend.accounts.rules import roles_of
from backend.audit.history import author_set
from backend.calls.models import Call
from backend.callsetup.models import RequiredDocument
from backend.callsetup.requirements import file_type_refusal
from backend.core.file_types import KIND_OF_EXTENSION
from backend.machines.call_lifecycle.states import CallState
from backend.machines.errors import TransitionConflict
from backend.machines.plan_review.routing import opinion_states_known
from backend.machines.plan_review.states import PlanState
from backend.plans.deadlines import opinion_deadline_for
from backend.plans.models import DevelopmentPlan, MunicipalOpinion, PlanAttachment
from backend.plans.routing import opinion_addressees
from backend.plans.uploads import display_name, extension_of
from backend.registry.models import SocialService

EDITABLE_STATES = (PlanState.DRAFT, PlanState.RETURNED)
M2M_FIELDS = ("orps", "municipalities", "activity_cards")
EDITABLE_FIELDS = (
    "kind",
    "capacity_current",
    "capacity_requested",
    "justification",
    "amount_requested",
    "cofinancing_amount",
    "planned_start",
    "request_form",
)


def _apply(plan: DevelopmentPlan, fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS) - set(M2M_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(plan, name, fields[name])
    if plan.capacity_current is None:
        # Left empty: the register's capacity for the call's period (0 for a new service).
        plan.capacity_current = plan.capacity_in_register() or Decimal(0)
    plan.full_clean(exclude=["created_by", "state"])
    return {name: fields[name] for name in M2M_FIELDS if name in fields}


def plan_create(
    *,
    by: Any,
    call: Call,
    service: SocialService,
    capacity_unit: str | None = None,
    **fields: Any,
) -> DevelopmentPlan:
    """Create a draft plan of the user's provider for `service` in `call`; the capacity unit
    is the service's (a different `capacity_unit` is refused by the plan's validation). The
    current capacity, when not given, is the network register's for the call's period (0 for
    a service not in it); a given one that contradicts the register is refused, and so is a
    second plan of the same kind for a service that has one open or included in the call."""
    if service.provider_id not in roles_of(by).provider_ids:
        raise PermissionDenied(_("You can file plans only for your own organisation's services."))
    if call.state not in (CallState.PLANNED, CallState.OPEN):
        raise ValidationError(
            {
                "call": _("The call “%(call)s” is closed; no new plans can be filed in it.")
                % {"call": call.name}
            }
        )
    plan = DevelopmentPlan(
        call=call,
        provider_id=service.provider_id,
        service=service,
        capacity_unit=capacity_unit or service.capacity_unit,
        created_by=by,
    )
    fields.setdefault("capacity_current", None)
    with transaction.atomic():
        # One plan of a kind per service and call (the plan's validation): the service's row
        # is locked so two requests at once cannot both find none.
        SocialService.objects.select_for_update().get(pk=service.pk)
        relations = _apply(plan, fields)
        author_set(plan, by=by)  # also for an API token, which the history middleware misses
        plan.save()
        for name, values in relations.items():
            getattr(plan, name).set(values)
    return plan


def plan_edit_refusals(*, plan: DevelopmentPlan) -> list[str]:
    """Why the plan cannot be edited now ([] when it can): only drafts and returned plans."""
    if plan.state in EDITABLE_STATES:
        return []
    return [_("Only a draft or a plan returned for completion can be edited.")]


def plan_update_draft(*, plan: DevelopmentPlan, by: Any, **fields: Any) -> DevelopmentPlan:
    """Change a draft (or a plan returned for completion) of the user's provider."""
    if not by.has_perm("plans.change_developmentplan", plan):
        raise PermissionDenied(_("You can edit only your own organisation's plans."))
    with transaction.atomic():
        plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
        refusals = plan_edit_refusals(plan=plan)
        if refusals:
            raise TransitionConflict(refusals)
        relations = _apply(plan, fields)
        author_set(plan, by=by)  # also for an API token, which the history middleware misses
        plan.save()
        for name, values in relations.items():
            getattr(plan, name).set(values)
    return plan


def attachment_add(
    *,
    plan: DevelopmentPlan,
    by: Any,
    kind: str,
    file: UploadedFile,
    requirement: RequiredDocument | None = None,
) -> PlanAttachment:
    """Attach a document to an editable plan; the type, the size and the number of documents
    (settings.ATTACHMENTS_PER_PLAN) are validated. The plan is locked, so two uploads at once
    cannot both take the last place. `requirement`: the document of the plan's request form
    the file is, which must allow the file's type."""
    if not by.has_perm("plans.change_developmentplan", plan):
        raise PermissionDenied(_("You can edit only your own organisation's plans."))
    with transaction.atomic():
        plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.state not in EDITABLE_STATES:
            raise TransitionConflict(
                _("Documents can be added only to a draft or a returned plan.")
            )
        limit = settings.ATTACHMENTS_PER_PLAN
        if plan.attachments.count() >= limit:
            raise ValidationError(
                {
                    "file": _(
                        "A plan can carry at most %(limit)d documents; join several into one "
                        "file (e.g. one PDF) to add more."
                    )
                    % {"limit": limit}
                }
            )
        _refuse_requirement(plan, requirement, file)
        attachment = PlanAttachment(
            plan=plan,
            requirement=requirement,
            kind=kind,
            file=file,
            original_name=display_name(file.name or ""),
            size=file.size or 0,
            uploaded_by=by,
        )
        attachment.full_clean()
        attachment.save()
    return attachment


def _refuse_requirement(
    plan: DevelopmentPlan, requirement: RequiredDocument | None, file: UploadedFile
) -> None:
    if requirement is None:
        return
    if plan.request_form_id is None or requirement.form_id != plan.request_form_id:
        raise ValidationError(
            {"requirement": _("The document is not one the plan's request form asks for.")}
        )
    refusal = file_type_refusal(
        document=requirement, file_type=KIND_OF_EXTENSION.get(extension_of(file.name))
    )
    if refusal:
        raise ValidationError({"file": refusal})


def opinion_requests_create(*, plan: DevelopmentPlan) -> list[MunicipalOpinion]:
    """Ask each addressee of the call's routing (by default the seat of each ORP the plan
    touches) for an opinion, once.

    Called by the plan's actions with the plan locked, so no other request adds opinions
    to it meanwhile (the unique constraint of plan, municipality and role stays the last
    word). The deadline is the call's, moved on by the working days the plan has spent with
    its provider for completion (stop-the-clock)."""
    due = opinion_deadline_for(plan)
    asked = {
        (municipality_id, role): state
        for municipality_id, role, state in plan.opinions.order_by().values_list(
            "municipality_id", "role", "state"
        )
    }
    created = [
        MunicipalOpinion.objects.create(
            plan=plan, municipality=addressee.municipality, role=addressee.role, due_date=due
        )
        for addressee in opinion_addressees(plan)
        if addressee.key not in asked
    ]
    # Every opinion of the plan is now known: the routing that follows need not read them.
    opinion_states_known(plan, [*asked.values(), *(opinion.state for opinion in created)])
    return created
