"""Pages of casework: assign a plan or an opinion (one, or many plans from the list), and
an officer's absences with their substitutes. Each parses the form and calls one service."""

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from backend.accounts.absences import (
    absence_end,
    absence_list_for_user,
    absence_record,
    colleagues_of,
)
from backend.accounts.models import Absence
from backend.accounts.requests import AuthenticatedHttpRequest
from backend.accounts.rules import roles_of
from backend.casework.forms import AbsenceForm, AssignForm
from backend.casework.services import (
    case_owner_candidates,
    opinion_assign,
    plan_assign,
    plans_assign_bulk,
)
from backend.plans.selectors import plan_list_for_user
from backend.web.outcomes import Refused, attempt
from backend.web.plans import visible_opinion, visible_plan
from backend.web.plans.transitions import back_to_list


@login_required
@require_POST
def plan_assign_view(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    """Claim the plan (`assignee` = yourself), give it to a colleague, or unassign it."""
    plan = visible_plan(request.user, plan_id)
    form = AssignForm(request.POST, candidates=case_owner_candidates(case=plan))
    if not request.user.has_perm("plans.assign_plan", plan):
        raise PermissionDenied
    if form.is_valid():
        assignee = form.cleaned_data["assignee"]
        with contextlib.suppress(Refused):
            attempt(
                request,
                lambda: plan_assign(plan=plan, assignee=assignee, by=request.user),
                success=_("The case was assigned.") if assignee else _("The case was unassigned."),
            )
    else:
        messages.error(request, _("Choose an officer of the regional office."))
    return redirect("plans:detail", plan.pk)


@login_required
@require_POST
def opinion_assign_view(request: AuthenticatedHttpRequest, opinion_id: int) -> HttpResponse:
    opinion = visible_opinion(request.user, opinion_id)
    if not request.user.has_perm("plans.assign_opinion", opinion):
        raise PermissionDenied
    form = AssignForm(request.POST, candidates=case_owner_candidates(case=opinion))
    if form.is_valid():
        assignee = form.cleaned_data["assignee"]
        with contextlib.suppress(Refused):
            attempt(
                request,
                lambda: opinion_assign(opinion=opinion, assignee=assignee, by=request.user),
                success=_("The opinion was assigned.")
                if assignee
                else _("The opinion was unassigned."),
            )
    else:
        messages.error(request, _("Choose an officer of the municipality."))
    return redirect("plans:detail", opinion.plan_id)


@login_required
@require_POST
def plans_assign_bulk_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Assign the plans ticked in the list to one officer (or nobody)."""
    roles = roles_of(request.user)
    if not roles.region_ids:
        raise PermissionDenied
    ids = [int(pk) for pk in request.POST.getlist("plans") if pk.isdigit()]
    plans = plan_list_for_user(user=request.user).filter(pk__in=ids)
    first = plans.select_related("call").first()
    if first is None:
        messages.error(request, _("Select the plans to assign."))
        return back_to_list(request)
    form = AssignForm(request.POST, candidates=case_owner_candidates(case=first))
    if not form.is_valid():
        messages.error(request, _("Choose an officer of the regional office."))
        return back_to_list(request)
    assignee = form.cleaned_data["assignee"]
    try:
        changed = attempt(
            request,
            lambda: plans_assign_bulk(
                plan_ids=plans.values_list("pk", flat=True), assignee=assignee, by=request.user
            ),
            success=_("The selected plans were assigned."),
        )
    except Refused:
        return back_to_list(request)
    messages.info(
        request,
        ngettext("%(count)s plan changed owner.", "%(count)s plans changed owner.", changed)
        % {"count": changed},
    )
    return back_to_list(request)


@login_required
def absences(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The officer's absences and whom they stand in for; POST records a new absence."""
    roles = roles_of(request.user)
    if not (roles.region_ids or roles.officer_municipality_ids):
        raise PermissionDenied
    form = AbsenceForm(request.POST or None, colleagues=colleagues_of(request.user))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            attempt(
                request,
                lambda: absence_record(user=request.user, by=request.user, **form.cleaned_data),
                success=_("The absence was recorded."),
                form=form,
            )
            return redirect("casework:absences")
        except Refused as refused:
            status = refused.status
    elif request.method == "POST":
        status = 400
    context = {"form": form, "absences": absence_list_for_user(user=request.user)}
    return render(request, "casework/absences.html", context, status=status)


@login_required
@require_POST
def absence_end_view(request: AuthenticatedHttpRequest, absence_id: int) -> HttpResponse:
    try:
        absence = Absence.objects.get(pk=absence_id, user_id=request.user.pk)
    except Absence.DoesNotExist as error:
        raise Http404 from error
    attempt(
        request,
        lambda: absence_end(absence=absence, by=request.user),
        success=_("The absence was ended."),
    )
    return redirect("casework:absences")
