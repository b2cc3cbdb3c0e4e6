"""Opinion pages: the municipal officer drafts, issues or sends to the council; the council
secretary records the resolution."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.plans.forms import OpinionForm, ResolutionForm
from backend.plans.views import visible_opinion
from backend.plans.views.listing import detail_context
from backend.web.outcomes import Refused, attempt
from workflows.opinion_review.actions import (
    opinion_draft,
    opinion_issue,
    opinion_record_resolution,
    opinion_send_to_council,
)


def _act(
    request: HttpRequest, opinion: Any, action: Callable[[], Any], success: str, **forms: Any
) -> HttpResponse:
    form = next(iter(forms.values()), None)
    try:
        attempt(request, action, success=success, form=form)
    except Refused as refused:
        return render(
            request,
            "plans/plan_detail.html",
            detail_context(request, opinion.plan, **forms),
            status=refused.status,
        )
    return redirect("plans:detail", opinion.plan_id)


@login_required
@require_POST
def opinion_draft_view(request: HttpRequest, opinion_id: int) -> HttpResponse:
    opinion = visible_opinion(request.user, opinion_id)
    form = OpinionForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "plans/plan_detail.html",
            detail_context(request, opinion.plan, opinion_form=form),
            status=400,
        )
    return _act(
        request,
        opinion,
        lambda: opinion_draft(
            opinion=opinion,
            by=request.user,
            verdict=form.cleaned_data["verdict"],
            conditions=form.cleaned_data["conditions"],
            cofinancing_amount=form.cleaned_data["cofinancing_amount"],
        ),
        _("The draft opinion was saved."),
        opinion_form=form,
    )


@login_required
@require_POST
def opinion_issue_view(request: HttpRequest, opinion_id: int) -> HttpResponse:
    opinion = visible_opinion(request.user, opinion_id)
    return _act(
        request,
        opinion,
        lambda: opinion_issue(opinion=opinion, by=request.user),
        _("The opinion was issued."),
    )


@login_required
@require_POST
def opinion_send_to_council_view(request: HttpRequest, opinion_id: int) -> HttpResponse:
    opinion = visible_opinion(request.user, opinion_id)
    return _act(
        request,
        opinion,
        lambda: opinion_send_to_council(opinion=opinion, by=request.user),
        _("The opinion was sent to the council."),
    )


@login_required
@require_POST
def opinion_resolution_view(request: HttpRequest, opinion_id: int) -> HttpResponse:
    opinion = visible_opinion(request.user, opinion_id)
    form = ResolutionForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(
            request,
            "plans/plan_detail.html",
            detail_context(request, opinion.plan, resolution_form=form),
            status=400,
        )
    data = form.cleaned_data
    return _act(
        request,
        opinion,
        lambda: opinion_record_resolution(
            opinion=opinion,
            by=request.user,
            number=data["number"],
            meeting_date=data["meeting_date"],
            outcome=data["outcome"],
            document=data["document"],
        ),
        _("The council resolution was recorded."),
        resolution_form=form,
    )
