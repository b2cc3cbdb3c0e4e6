"""Transition pages of a plan: each parses input and calls one workflow action."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from backend.accounts.requests import AuthenticatedHttpRequest
from backend.accounts.rules import roles_of
from backend.machines.errors import WorkflowError
from backend.machines.plan_review.routing import needs_opinions
from backend.machines.plan_review.transitions import PlanTransition
from backend.plans.forms import CommentForm, DecisionForm, ReturnForm
from backend.plans.selectors import plan_list_for_user
from backend.web.plans import visible_plan
from backend.web.plans.responses import act, plan_page
from workflows.plan_review.actions import (
    plan_decide,
    plan_resubmit,
    plan_return_for_completion,
    plan_submit,
    plan_withdraw,
)
from workflows.running import refusal_reasons, user_may


@login_required
def plan_submit_view(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    """GET: a confirmation saying what happens next and by when; POST: submit."""
    plan = visible_plan(request.user, plan_id)
    if request.method == "POST":
        return act(
            request,
            plan,
            lambda: plan_submit(plan=plan, by=request.user),
            _("The plan was submitted."),
        )
    if not user_may(plan, PlanTransition.SUBMIT, request.user):
        raise PermissionDenied
    context = {
        "plan": plan,
        "municipalities": ", ".join(str(orp.seat) for orp in plan.orps.select_related("seat")),
        "needs_opinions": needs_opinions(plan),
        "problems": refusal_reasons(plan, PlanTransition.SUBMIT),
    }
    return render(request, "plans/plan_submit.html", context)


def _with_comment(
    request: HttpRequest, plan_id: int, action: Callable[..., Any], success: str
) -> HttpResponse:
    """A transition whose only input is an optional comment (withdraw, resubmit)."""
    plan = visible_plan(request.user, plan_id)
    form = CommentForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    return act(
        request,
        plan,
        lambda: action(plan=plan, by=request.user, comment=comment),
        success,
        comment_form=form,
    )


@login_required
def plan_withdraw_view(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    """GET: the confirmation (withdrawing cannot be undone), with the reasons when it is not
    possible now; POST: withdraw. The plan page only links here, so one click never
    withdraws a plan."""
    if request.method == "POST":
        return _with_comment(request, plan_id, plan_withdraw, _("The plan was withdrawn."))
    plan = visible_plan(request.user, plan_id)
    if not user_may(plan, PlanTransition.WITHDRAW, request.user):
        raise PermissionDenied
    context = {
        "plan": plan,
        "comment_form": CommentForm(),
        "problems": refusal_reasons(plan, PlanTransition.WITHDRAW),
    }
    return render(request, "plans/plan_withdraw.html", context)


@login_required
@require_POST
def plan_resubmit_view(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    return _with_comment(request, plan_id, plan_resubmit, _("The completed plan was resubmitted."))


@login_required
@require_POST
def plan_return_view(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = visible_plan(request.user, plan_id)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        return plan_page(request, plan, status=400, return_form=form)
    return act(
        request,
        plan,
        lambda: plan_return_for_completion(
            plan=plan,
            by=request.user,
            reason=form.cleaned_data["reason"],
            due=form.cleaned_data["due"],
        ),
        _("The plan was returned for completion."),
        return_form=form,
    )


def _decide_kwargs(form: DecisionForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form.fields}


@login_required
@require_POST
def plan_decide_view(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    plan = visible_plan(request.user, plan_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return plan_page(request, plan, status=400, decision_form=form)
    return act(
        request,
        plan,
        lambda: plan_decide(plan=plan, by=request.user, **_decide_kwargs(form)),
        _("The decision was recorded."),
        decision_form=form,
    )


@login_required
@require_POST
def plan_bulk_decide(request: AuthenticatedHttpRequest) -> HttpResponse:
    """One regional resolution for many plans; each plan is decided on its own and each
    refusal is reported with its reasons."""
    if not roles_of(request.user).region_ids:
        raise PermissionDenied
    form = DecisionForm(request.POST)
    ids = [int(pk) for pk in request.POST.getlist("plans") if pk.isdigit()]
    if not form.is_valid() or not ids:
        messages.error(request, _("Select plans and fill in the decision completely."))
        for field, errors in form.errors.items():
            messages.error(
                request,
                f"{form.fields[field].label if field in form.fields else ''}: {' '.join(str(error) for error in errors)}",
            )
        return back_to_list(request)
    decided = 0
    for plan in plan_list_for_user(user=request.user).filter(pk__in=ids):
        try:
            plan_decide(plan=plan, by=request.user, **_decide_kwargs(form))
            decided += 1
        except WorkflowError as error:
            messages.error(request, f"{plan}: {' '.join(error.reasons)}")
        except ValidationError as error:
            messages.error(request, f"{plan}: {' '.join(error.messages)}")
    if decided:
        messages.success(
            request,
            ngettext("%(count)s plan decided.", "%(count)s plans decided.", decided)
            % {"count": decided},
        )
    return back_to_list(request)


def back_to_list(request: HttpRequest) -> HttpResponse:
    """Back to the list with the filters the user had (only a query string, never a URL)."""
    query = request.POST.get("query", "").lstrip("?")
    return redirect(f"{reverse('plans:list')}?{query}" if query else reverse("plans:list"))
