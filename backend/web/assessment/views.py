"""The assessment's pages: the score form on the plan page, a call's criteria, the
region's reference values (regional office only)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.accounts.requests import AuthenticatedHttpRequest
from backend.accounts.rules import roles_of
from backend.assessment.forms import AssessmentForm, CriterionForm, ReferenceValueForm
from backend.assessment.models import Criterion, ReferenceValue
from backend.assessment.selectors import (
    call_is_scored,
    criterion_list,
    reference_value_list_for_user,
)
from backend.assessment.services import (
    assessment_submit,
    criterion_create,
    criterion_delete,
    criterion_update,
    reference_value_set,
)
from backend.calls.models import Call
from backend.calls.selectors import call_list_for_user
from backend.registry.models import Region
from backend.web.assessment.context import assessment_context
from backend.web.outcomes import Refused, attempt, require_regional_office
from backend.web.plans import visible_plan
from backend.web.plans.responses import plan_page


@login_required
@require_POST
def plan_assess(request: AuthenticatedHttpRequest, plan_id: int) -> HttpResponse:
    """Submit (or change) the officer's scores of the plan."""
    plan = visible_plan(request.user, plan_id)
    context = assessment_context(request, plan)
    view = context["assessment"]
    criteria = view.criteria if view is not None else []
    form = AssessmentForm(request.POST, criteria=criteria)
    if not form.is_valid():
        return plan_page(request, plan, status=400, assessment_form=form)
    try:
        attempt(
            request,
            lambda: assessment_submit(plan=plan, by=request.user, scores=form.scores()),
            success=_("Your assessment was saved."),
            form=form,
        )
    except Refused as refused:
        return plan_page(request, plan, status=refused.status, assessment_form=form)
    return redirect(f"{reverse('plans:detail', args=[plan.pk])}#assessment")


# --- a call's criteria --------------------------------------------------------------------


def _call(request: HttpRequest, call_id: int) -> Call:
    require_regional_office(request)
    try:
        return call_list_for_user(user=request.user).get(pk=call_id)
    except Call.DoesNotExist as error:
        raise Http404 from error


def _criterion(request: HttpRequest, criterion_id: int) -> Criterion:
    require_regional_office(request)
    try:
        return Criterion.objects.select_related("call").get(
            pk=criterion_id, call__region_id__in=roles_of(request.user).region_ids
        )
    except Criterion.DoesNotExist as error:
        raise Http404 from error


def _criteria_page(
    request: HttpRequest, call: Call, form: CriterionForm | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "call": call,
        "criteria": criterion_list(call=call),
        "scored": call_is_scored(call=call),
        "form": form or CriterionForm(),
    }
    return render(request, "assessment/criterion_list.html", context, status=status)


@login_required
def criteria(request: AuthenticatedHttpRequest, call_id: int) -> HttpResponse:
    """The call's criteria; a POST adds one."""
    call = _call(request, call_id)
    if request.method != "POST":
        return _criteria_page(request, call)
    form = CriterionForm(request.POST)
    if not form.is_valid():
        return _criteria_page(request, call, form, status=400)
    try:
        attempt(
            request,
            lambda: criterion_create(call=call, by=request.user, **form.cleaned_data),
            success=_("The criterion was added."),
            form=form,
        )
    except Refused as refused:
        return _criteria_page(request, call, form, status=refused.status)
    return redirect("assessment:criteria", call.pk)


@login_required
def criterion_edit(request: AuthenticatedHttpRequest, criterion_id: int) -> HttpResponse:
    criterion = _criterion(request, criterion_id)
    if request.method != "POST":
        initial = {name: getattr(criterion, name) for name in CriterionForm.base_fields}
        form = CriterionForm(initial=initial)
        return _criterion_form(request, criterion, form)
    form = CriterionForm(request.POST)
    if not form.is_valid():
        return _criterion_form(request, criterion, form, status=400)
    data = dict(form.cleaned_data)
    if data["order"] is None:
        data["order"] = criterion.order
    try:
        attempt(
            request,
            lambda: criterion_update(criterion=criterion, by=request.user, **data),
            success=_("The criterion was changed."),
            form=form,
        )
    except Refused as refused:
        return _criterion_form(request, criterion, form, status=refused.status)
    return redirect("assessment:criteria", criterion.call_id)


def _criterion_form(
    request: HttpRequest, criterion: Criterion, form: CriterionForm, status: int = 200
) -> HttpResponse:
    context = {"call": criterion.call, "criterion": criterion, "form": form}
    return render(request, "assessment/criterion_form.html", context, status=status)


@login_required
@require_POST
def criterion_remove(request: AuthenticatedHttpRequest, criterion_id: int) -> HttpResponse:
    criterion = _criterion(request, criterion_id)
    try:
        attempt(
            request,
            lambda: criterion_delete(criterion=criterion, by=request.user),
            success=_("The criterion was removed."),
        )
    except Refused as refused:
        return _criteria_page(request, criterion.call, status=refused.status)
    return redirect("assessment:criteria", criterion.call_id)


# --- reference values ---------------------------------------------------------------------


def _region(request: HttpRequest) -> Region:
    """The officer's region (the first, for an officer of several)."""
    require_regional_office(request)
    region = Region.objects.filter(pk__in=roles_of(request.user).region_ids).order_by("pk").first()
    if region is None:  # pragma: no cover - require_regional_office refused already
        raise Http404
    return region


def _reference_page(
    request: HttpRequest, form: ReferenceValueForm | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "values": reference_value_list_for_user(user=request.user),
        "form": form or ReferenceValueForm(),
    }
    return render(request, "assessment/reference_value_list.html", context, status=status)


def _save_reference(
    request: AuthenticatedHttpRequest,
    form: ReferenceValueForm,
    reference_value: ReferenceValue | None,
) -> None:
    attempt(
        request,
        lambda: reference_value_set(
            region=_region(request),
            by=request.user,
            reference_value=reference_value,
            **form.cleaned_data,
        ),
        success=_("The reference value was saved."),
        form=form,
    )


@login_required
def reference_values(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The region's reference values; a POST adds one (or replaces the value of the same
    type, unit and year)."""
    _region(request)
    if request.method != "POST":
        return _reference_page(request)
    form = ReferenceValueForm(request.POST)
    if not form.is_valid():
        return _reference_page(request, form, status=400)
    try:
        _save_reference(request, form, None)
    except Refused as refused:
        return _reference_page(request, form, status=refused.status)
    return redirect("assessment:reference_values")


@login_required
def reference_value_edit(request: AuthenticatedHttpRequest, value_id: int) -> HttpResponse:
    _region(request)
    try:
        value = reference_value_list_for_user(user=request.user).get(pk=value_id)
    except ReferenceValue.DoesNotExist as error:
        raise Http404 from error
    if request.method != "POST":
        initial = {name: getattr(value, name) for name in ReferenceValueForm.base_fields}
        return _reference_form(request, value, ReferenceValueForm(initial=initial))
    form = ReferenceValueForm(request.POST)
    if not form.is_valid():
        return _reference_form(request, value, form, status=400)
    try:
        _save_reference(request, form, value)
    except Refused as refused:
        return _reference_form(request, value, form, status=refused.status)
    return redirect("assessment:reference_values")


def _reference_form(
    request: HttpRequest, value: ReferenceValue, form: ReferenceValueForm, status: int = 200
) -> HttpResponse:
    context = {"value": value, "form": form}
    return render(request, "assessment/reference_value_form.html", context, status=status)
