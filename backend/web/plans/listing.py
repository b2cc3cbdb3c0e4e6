"""Plan list (filtered, sorted, paginated, filters in the URL), plan detail, services."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from backend.accounts.absences import colleagues_of
from backend.accounts.models import User
from backend.accounts.rules import roles_of
from backend.casework.forms import AssignForm
from backend.casework.services import case_owner_candidates
from backend.clarifications.selectors import message_unread_counts
from backend.core.exports import CsvDialect, csv_dialect, export_response
from backend.core.paging import EstimatingPaginator
from backend.core.requests import HtmxHttpRequest
from backend.demand.selectors import demand_need_for_plan
from backend.documents.selectors import document_list_latest_for_plan
from backend.machines.opinion_review.transitions import OpinionTransition
from backend.machines.plan_review.transitions import PlanTransition
from backend.network.capacities import entry_in_network
from backend.network.selectors import entry_list_context
from backend.plans.exports import PLAN_COLUMNS, plan_rows
from backend.plans.filters import PlanFilter
from backend.plans.forms import (
    AttachmentForm,
    CommentForm,
    DecisionForm,
    OpinionForm,
    ResolutionForm,
    ReturnForm,
)
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from backend.plans.selectors import plan_get_for_page, plan_list_for_user, plan_list_scored
from backend.plans.services import EDITABLE_STATES
from backend.registry.models import SocialService
from backend.remedies.selectors import remedy_list_for_provider
from backend.timeline.selectors import plan_timeline
from backend.web.assessment.context import assessment_context
from backend.web.clarifications.thread import thread_context
from backend.web.plans import visible_plan
from workflows.running import available_transitions

PAGE_SIZE = 25


@login_required
def plan_list(request: HtmxHttpRequest) -> HttpResponse:
    plans = plan_list_scored(
        plan_list_for_user(user=request.user).select_related("assignee").prefetch_related("orps"),
        user=request.user,
    )
    filterset = PlanFilter(request.GET, queryset=plans, request=request)
    page = EstimatingPaginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    roles = roles_of(request.user)
    can_decide = bool(roles.region_ids)
    page.object_list = list(page.object_list)
    unread = message_unread_counts(user=request.user, plan_ids=[p.pk for p in page.object_list])
    for plan in page.object_list:
        plan.unread_messages = unread.get(plan.pk, 0)
    context = {
        "filter": filterset,
        "page": page,
        "can_decide": can_decide,
        # The score column: the office, and providers (their decided plans' scores).
        "shows_score": bool(roles.region_ids or roles.provider_ids),
        "bulk_assign_form": _bulk_assign_form(request.user) if can_decide else None,
        "decision_form": DecisionForm(),
        "export_formats": ["csv", "xlsx"],
    }
    template = "plans/_plan_table.html" if request.htmx else "plans/plan_list.html"
    return render(request, template, context)


def _bulk_assign_form(user: Any) -> AssignForm:
    """The regional office's officers, to hand the ticked plans to (the user's own region)."""
    colleagues = colleagues_of(user).order_by().values("pk")
    officers = User.objects.filter(Q(pk__in=colleagues) | Q(pk=user.pk))
    return AssignForm(candidates=officers.order_by("last_name", "first_name", "username"))


@login_required
def plan_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The plans the user sees, with the list's filters and sorting, as CSV (for Czech Excel
    unless `?dialect=machine`) or XLSX."""
    plans = plan_list_scored(plan_list_for_user(user=request.user), user=request.user)
    filterset = PlanFilter(request.GET, queryset=plans, request=request)
    return export_response(
        fmt=fmt,
        filename="rozvojove-zamery",
        columns=PLAN_COLUMNS,
        rows=plan_rows(filterset.qs),
        dialect=csv_dialect(request.GET.get("dialect"), default=CsvDialect.EXCEL_CS),
    )


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = visible_plan(request.user, plan_id, selector=plan_get_for_page)
    return render(request, "plans/plan_detail.html", detail_context(request, plan))


def detail_context(
    request: HttpRequest, plan: DevelopmentPlan, **forms: object
) -> dict[str, object]:
    """Everything the detail page shows, with the transitions this user may run now."""
    user = request.user
    opinions = [
        (
            opinion,
            transitions,
            forms.get("opinion_form") or _opinion_form(opinion),
            _assign_form(opinion) if user.has_perm("plans.assign_opinion", opinion) else None,
        )
        for opinion in plan.opinions.select_related("municipality", "resolution", "assignee")
        for transitions in [available_transitions(opinion, user)]
    ]
    return {
        # Who owns the case at the regional office, for the office (None: not theirs to see).
        "plan_assign_form": _assign_form(plan)
        if user.has_perm("plans.assign_plan", plan)
        else None,
        "plan": plan,
        "transitions": available_transitions(plan, request.user),
        # The names the page tests `transitions` and `opinion_transitions` for.
        "PlanTransition": PlanTransition,
        "OpinionTransition": OpinionTransition,
        "opinions": opinions,
        "timeline": plan_timeline(plan=plan, user=request.user),
        "documents": document_list_latest_for_plan(plan=plan),
        "network_context": entry_list_context(plan=plan),
        # Where the plan's current capacity comes from: the register's entry and its resolution.
        "register_entry": entry_in_network(
            service_id=plan.service_id, period_id=plan.call.period_id
        ),
        "can_edit": request.user.has_perm("plans.change_developmentplan", plan)
        and plan.state in EDITABLE_STATES,
        "comment_form": forms.get("comment_form", CommentForm()),
        "attachment_form": forms.get(
            "attachment_form", AttachmentForm(request_form_id=plan.request_form_id)
        ),
        "return_form": forms.get("return_form", ReturnForm()),
        "decision_form": forms.get("decision_form", DecisionForm()),
        "resolution_form": forms.get("resolution_form", ResolutionForm()),
        **assessment_context(request, plan, forms.get("assessment_form")),  # type: ignore[arg-type]  # the bound AssessmentForm of a refused post
        # the need recorded for the plan's territory, the call's planning areas it lies in
        **demand_need_for_plan(user=user, plan=plan),
        **thread_context(request, plan, forms.get("message_form")),  # type: ignore[arg-type]  # the bound MessageForm of a refused post
    }


@login_required
def service_list(request: HttpRequest) -> HttpResponse:
    provider_ids = roles_of(request.user).provider_ids
    if not provider_ids:
        raise PermissionDenied
    services = (
        SocialService.objects.filter(provider_id__in=provider_ids)
        .select_related("provider", "service_type")
        .prefetch_related("orps")
    )
    context = {
        "services": services,
        "reservations": remedy_list_for_provider(user=request.user),
    }
    return render(request, "plans/service_list.html", context)


def _assign_form(case: DevelopmentPlan | MunicipalOpinion) -> AssignForm:
    """Whom the case can go to, with its owner now selected."""
    return AssignForm(
        candidates=case_owner_candidates(case=case), initial={"assignee": case.assignee_id}
    )


def _opinion_form(opinion: MunicipalOpinion) -> OpinionForm:
    """The opinion form prefilled with what the municipality drafted so far."""
    return OpinionForm(
        initial={
            "verdict": opinion.verdict,
            "reasoning": opinion.reasoning,
            "conditions": opinion.conditions,
            "cofinancing_amount": opinion.cofinancing_amount,
        }
    )
