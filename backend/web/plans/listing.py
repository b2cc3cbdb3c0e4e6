"""Plan list (filtered, sorted, paginated, filters in the URL), plan detail, services."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from backend.accounts.rules import roles_of
from backend.clarifications.selectors import message_unread_counts
from backend.core.exports import CsvDialect, csv_dialect, export_response
from backend.core.requests import HtmxHttpRequest
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
from backend.plans.selectors import plan_list_for_user
from backend.plans.services import EDITABLE_STATES
from backend.registry.models import SocialService
from backend.timeline.selectors import plan_timeline
from backend.web.clarifications.thread import thread_context
from backend.web.plans import visible_plan
from workflows.running import available_transitions

PAGE_SIZE = 25


@login_required
def plan_list(request: HtmxHttpRequest) -> HttpResponse:
    plans = plan_list_for_user(user=request.user).prefetch_related("orps")
    filterset = PlanFilter(request.GET, queryset=plans)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    unread = message_unread_counts(user=request.user, plan_ids=[p.pk for p in page.object_list])
    for plan in page.object_list:
        plan.unread_messages = unread.get(plan.pk, 0)
    context = {
        "filter": filterset,
        "page": page,
        "can_decide": bool(roles_of(request.user).region_ids),
        "decision_form": DecisionForm(),
        "export_formats": ["csv", "xlsx"],
    }
    template = "plans/_plan_table.html" if request.htmx else "plans/plan_list.html"
    return render(request, template, context)


@login_required
def plan_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The plans the user sees, with the list's filters and sorting, as CSV (for Czech Excel
    unless `?dialect=machine`) or XLSX."""
    filterset = PlanFilter(request.GET, queryset=plan_list_for_user(user=request.user))
    return export_response(
        fmt=fmt,
        filename="rozvojove-zamery",
        columns=PLAN_COLUMNS,
        rows=plan_rows(filterset.qs),
        dialect=csv_dialect(request.GET.get("dialect"), default=CsvDialect.EXCEL_CS),
    )


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = visible_plan(request.user, plan_id)
    return render(request, "plans/plan_detail.html", detail_context(request, plan))


def detail_context(
    request: HttpRequest, plan: DevelopmentPlan, **forms: object
) -> dict[str, object]:
    """Everything the detail page shows, with the transitions this user may run now."""
    opinions = [
        (opinion, transitions, forms.get("opinion_form") or _opinion_form(opinion))
        for opinion in plan.opinions.select_related("municipality", "resolution")
        for transitions in [available_transitions(opinion, request.user)]
    ]
    return {
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
        "attachment_form": forms.get("attachment_form", AttachmentForm()),
        "return_form": forms.get("return_form", ReturnForm()),
        "decision_form": forms.get("decision_form", DecisionForm()),
        "resolution_form": forms.get("resolution_form", ResolutionForm()),
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
    return render(request, "plans/service_list.html", {"services": services})


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
