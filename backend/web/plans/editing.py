"""Creating and editing drafts, adding services and attachments."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.accounts.rules import roles_of
from backend.audit.services import access_record
from backend.core.requests import HtmxHttpRequest
from backend.plans.forms import AttachmentForm, PlanForm, ServiceForm
from backend.plans.models import PlanAttachment
from backend.plans.services import (
    attachment_add,
    plan_create,
    plan_edit_refusals,
    plan_update_draft,
)
from backend.plans.uploads import download_response, form_with_refused_upload
from backend.registry.models import Provider
from backend.registry.services import service_create
from backend.web.outcomes import Refused, attempt
from backend.web.plans import visible_plan
from backend.web.plans.responses import plan_page

PLAN_FIELDS = (
    "kind",
    "capacity_current",
    "capacity_requested",
    "orps",
    "municipalities",
    "justification",
    "activity_cards",
    "amount_requested",
    "cofinancing_amount",
    "planned_start",
    "request_form",
)


def _fields(form: PlanForm) -> dict[str, Any]:
    # No form field when the call has no forms: the plan's form is left as it is.
    return {name: form.cleaned_data[name] for name in PLAN_FIELDS if name in form.cleaned_data}


@login_required
def plan_create_view(request: HttpRequest) -> HttpResponse:
    provider_ids = roles_of(request.user).provider_ids
    if not provider_ids:
        raise PermissionDenied
    form = PlanForm(
        request.POST or None,
        provider_ids=provider_ids,
        initial={"service": request.GET.get("service")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan = attempt(
                request,
                lambda: plan_create(
                    by=request.user,
                    call=form.cleaned_data["call"],
                    service=form.cleaned_data["service"],
                    **_fields(form),
                ),
                success=_("The draft was saved."),
                form=form,
            )
        except Refused as refused:
            return render(request, "plans/plan_form.html", {"form": form}, status=refused.status)
        return redirect("plans:detail", plan.pk)
    return render(
        request, "plans/plan_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = visible_plan(request.user, plan_id)
    if not request.user.has_perm("plans.change_developmentplan", plan):
        raise PermissionDenied
    refusals = plan_edit_refusals(plan=plan) if request.method != "POST" else []
    if refusals:
        # No form for a plan that cannot change: the plan page says why. (A POST keeps the
        # user's input in the form with the reason, e.g. when the plan was submitted since.)
        for reason in refusals:
            messages.error(request, reason)
        return plan_page(request, plan, status=409)
    initial = {
        name: getattr(plan, name)
        for name in PLAN_FIELDS
        if name not in ("orps", "municipalities", "activity_cards")
    }
    initial.update(
        orps=plan.orps.all(),
        municipalities=plan.municipalities.all(),
        activity_cards=plan.activity_cards.all(),
    )
    form = PlanForm(
        request.POST or None,
        initial=initial,
        editing=True,
        call=plan.call,
        provider_ids=roles_of(request.user).provider_ids,
    )
    if request.method == "POST" and form.is_valid():
        try:
            attempt(
                request,
                lambda: plan_update_draft(plan=plan, by=request.user, **_fields(form)),
                success=_("The draft was saved."),
                form=form,
            )
        except Refused as refused:
            return render(
                request, "plans/plan_form.html", {"form": form, "plan": plan}, status=refused.status
            )
        return redirect("plans:detail", plan.pk)
    return render(
        request,
        "plans/plan_form.html",
        {"form": form, "plan": plan},
        status=400 if form.errors else 200,
    )


@login_required
def service_create_view(request: HttpRequest) -> HttpResponse:
    providers = Provider.objects.filter(pk__in=roles_of(request.user).provider_ids)
    if not providers:
        raise PermissionDenied
    form = ServiceForm(request.POST or None, providers=providers.order_by("name"))
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        provider = form.cleaned_data.get("provider") or providers.get()
        try:
            service = attempt(
                request,
                lambda: service_create(by=request.user, provider=provider, **data),
                success=_("The service was added."),
                form=form,
            )
        except Refused as refused:
            return render(request, "plans/service_form.html", {"form": form}, status=refused.status)
        return redirect(f"{_plan_create_url()}?service={service.pk}")
    return render(
        request, "plans/service_form.html", {"form": form}, status=400 if form.errors else 200
    )


def _plan_create_url() -> str:
    from django.urls import reverse

    return reverse("plans:create")


@login_required
@require_POST
def attachment_upload(request: HtmxHttpRequest, plan_id: int) -> HttpResponse:
    plan = visible_plan(request.user, plan_id)
    form = form_with_refused_upload(
        AttachmentForm(request.POST, request.FILES, request_form_id=plan.request_form_id), request
    )
    status = 200
    if form.is_valid():
        try:
            attempt(
                request,
                lambda: attachment_add(
                    plan=plan,
                    by=request.user,
                    kind=form.cleaned_data["kind"],
                    file=form.cleaned_data["file"],
                    requirement=form.cleaned_data.get("requirement"),
                ),
                success=_("The document was attached."),
                form=form,
            )
            form = AttachmentForm(request_form_id=plan.request_form_id)
        except Refused as refused:
            status = refused.status
    else:
        status = 400
    context = {"plan": plan, "attachment_form": form, "can_edit": True}
    if request.htmx:
        return render(request, "plans/_attachments.html", context, status=status)
    if status != 200:
        return plan_page(request, plan, status=status, attachment_form=form)
    return redirect("plans:detail", plan.pk)


@login_required
def attachment_download(request: HttpRequest, plan_id: int, attachment_id: int) -> FileResponse:
    """Documents are served only to those who may see the plan."""
    plan = visible_plan(request.user, plan_id)
    # A file removed after its retention period is gone (backend/retention).
    attachment = get_object_or_404(
        PlanAttachment, pk=attachment_id, plan=plan, purged_at__isnull=True
    )
    access_record(
        user=request.user, plan_id=plan.pk, attachment=attachment, filename=attachment.original_name
    )
    return download_response(attachment.file.open("rb"), filename=attachment.original_name)
