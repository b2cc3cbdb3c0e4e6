"""Opinion pages: the municipal officer drafts, issues or sends to the council; the council
secretary records the resolution."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.accounts.requests import AuthenticatedHttpRequest
from backend.plans.forms import OpinionForm, ResolutionForm
from backend.plans.uploads import form_with_refused_upload
from backend.web.plans import visible_opinion
from backend.web.plans.responses import act, plan_page
from workflows.opinion_review.actions import (
    opinion_draft,
    opinion_issue,
    opinion_record_resolution,
    opinion_send_to_council,
)


@login_required
@require_POST
def opinion_draft_view(request: AuthenticatedHttpRequest, opinion_id: int) -> HttpResponse:
    opinion = visible_opinion(request.user, opinion_id)
    form = OpinionForm(request.POST)
    if not form.is_valid():
        return plan_page(request, opinion.plan, status=400, opinion_form=form)
    return act(
        request,
        opinion.plan,
        lambda: opinion_draft(
            opinion=opinion,
            by=request.user,
            verdict=form.cleaned_data["verdict"],
            reasoning=form.cleaned_data["reasoning"],
            conditions=form.cleaned_data["conditions"],
            cofinancing_amount=form.cleaned_data["cofinancing_amount"],
        ),
        _("The draft opinion was saved."),
        opinion_form=form,
    )


@login_required
@require_POST
def opinion_issue_view(request: AuthenticatedHttpRequest, opinion_id: int) -> HttpResponse:
    opinion = visible_opinion(request.user, opinion_id)
    return act(
        request,
        opinion.plan,
        lambda: opinion_issue(opinion=opinion, by=request.user),
        _("The opinion was issued."),
    )


@login_required
@require_POST
def opinion_send_to_council_view(
    request: AuthenticatedHttpRequest, opinion_id: int
) -> HttpResponse:
    opinion = visible_opinion(request.user, opinion_id)
    return act(
        request,
        opinion.plan,
        lambda: opinion_send_to_council(opinion=opinion, by=request.user),
        _("The opinion was sent to the council."),
    )


@login_required
@require_POST
def opinion_resolution_view(request: AuthenticatedHttpRequest, opinion_id: int) -> HttpResponse:
    opinion = visible_opinion(request.user, opinion_id)
    form = form_with_refused_upload(
        ResolutionForm(request.POST, request.FILES), request, "document"
    )
    if not form.is_valid():
        return plan_page(request, opinion.plan, status=400, resolution_form=form)
    data = form.cleaned_data
    return act(
        request,
        opinion.plan,
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
