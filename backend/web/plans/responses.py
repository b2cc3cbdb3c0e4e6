"""The two ways a plan-page action ends: back to the plan, or the plan page again with the
refusal (reasons as messages, the user's input kept in the forms)."""

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from backend.plans.models import DevelopmentPlan
from backend.web.outcomes import Refused, attempt
from backend.web.plans.listing import detail_context


def plan_page(
    request: HttpRequest, plan: DevelopmentPlan, *, status: int, **forms: django_forms.Form
) -> HttpResponse:
    """The plan page with the given forms (bound, with their errors) and status."""
    return render(
        request, "plans/plan_detail.html", detail_context(request, plan, **forms), status=status
    )


def act(
    request: HttpRequest,
    plan: DevelopmentPlan,
    action: Callable[[], Any],
    success: str,
    **forms: django_forms.Form,
) -> HttpResponse:
    """Run the action; redirect to the plan on success, show the refusal otherwise."""
    form = next(iter(forms.values()), None)
    try:
        attempt(request, action, success=success, form=form)
    except Refused as refused:
        return plan_page(request, plan, status=refused.status, **forms)
    return redirect("plans:detail", plan.pk)
