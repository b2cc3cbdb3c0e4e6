"""Admin for the regional office: plans and opinions are read-only; transitions are offered
as admin actions that go through the workflow actions like every other interface."""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ActionForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from backend.accounts.requests import AuthenticatedHttpRequest
from backend.core.admin_tools import ReadOnlyAdmin
from backend.core.free_text import SHORT_TEXT
from backend.machines.plan_review.states import PlanState
from backend.plans.choices import DecidingBody
from backend.plans.models import (
    CouncilResolution,
    DevelopmentPlan,
    MunicipalOpinion,
    PlanAttachment,
    RegionalDecision,
)
from backend.plans.selectors import opinion_list_for_user, plan_list_for_user
from workflows.admin.records import TransitionLogInline
from workflows.admin.running import run_for_each
from workflows.deadlines import plan_extend_deadline
from workflows.models import DeadlineChange
from workflows.plan_review.actions import plan_decide, plan_return_for_completion


class PlanActionForm(ActionForm):
    comment = forms.CharField(label=_("Reason / conditions"), required=False, max_length=SHORT_TEXT)
    resolution_number = forms.CharField(
        label=_("Resolution no."), required=False, help_text=_("e.g. 258/17/ZK")
    )
    resolution_date = forms.DateField(label=_("Resolution date"), required=False)
    working_days = forms.IntegerField(
        label=_("Working days"), required=False, min_value=1, help_text=_("to extend by")
    )


class DeadlineChangeInline(admin.TabularInline):
    """Every moved deadline of the plan and its opinions, with the reason (read-only)."""

    model = DeadlineChange
    fields = ("changed_at", "opinion", "field", "old_date", "new_date", "cause", "reason")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class OpinionInline(admin.TabularInline):
    model = MunicipalOpinion
    fields = (
        "municipality",
        "state",
        "verdict",
        "needs_council",
        "due_date",
        "resolution",
        "issued_at",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AttachmentInline(admin.TabularInline):
    model = PlanAttachment
    fields = ("kind", "original_name", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DecisionInline(admin.StackedInline):
    model = RegionalDecision
    readonly_fields = (
        "outcome",
        "approved_capacity",
        "conditions",
        "remedy_due",
        "body",
        "resolution_number",
        "resolution_date",
        "decided_by",
        "decided_at",
    )
    fields = readonly_fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DevelopmentPlan)
class DevelopmentPlanAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "provider",
        "service",
        "kind",
        "capacity_current",
        "capacity_requested",
        "capacity_unit",
        "state",
        "call",
        "submitted_at",
    ]
    list_filter = ["state", "call", "kind", "service__service_type", "orps"]
    search_fields = [
        "provider__name",
        "provider__ico",
        "service__name",
        "service__registration_number",
        "justification",
    ]
    inlines = [
        OpinionInline,
        AttachmentInline,
        DecisionInline,
        DeadlineChangeInline,
        TransitionLogInline,
    ]
    action_form = PlanActionForm
    actions = [
        "return_for_completion",
        "extend_deadline",
        "decide_included",
        "decide_with_conditions",
        "decide_not_included",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[DevelopmentPlan]:
        return plan_list_for_user(user=request.user)

    @admin.action(description=_("Return for completion (reason in the field below)"))
    def return_for_completion(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet[Any]
    ) -> None:
        reason = request.POST.get("comment", "")
        run_for_each(
            self,
            request,
            queryset,
            lambda plan: plan_return_for_completion(plan=plan, by=request.user, reason=reason),
        )

    @admin.action(description=_("Extend the running deadline (working days and reason below)"))
    def extend_deadline(self, request: AuthenticatedHttpRequest, queryset: QuerySet[Any]) -> None:
        form = PlanActionForm(request.POST)
        form.is_valid()
        days, reason = form.cleaned_data.get("working_days"), request.POST.get("comment", "")
        run_for_each(
            self,
            request,
            queryset,
            lambda plan: plan_extend_deadline(
                plan=plan, by=request.user, working_days=days, reason=reason
            ),
        )

    def _decide(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet[Any], outcome: str
    ) -> None:
        form = PlanActionForm(request.POST)
        form.is_valid()
        data = form.cleaned_data
        run_for_each(
            self,
            request,
            queryset,
            lambda plan: plan_decide(
                plan=plan,
                by=request.user,
                outcome=outcome,
                body=DecidingBody.REGIONAL_COUNCIL,
                resolution_number=data.get("resolution_number") or "",
                resolution_date=data.get("resolution_date") or timezone.localdate(),
                conditions=data.get("comment") or "",
            ),
        )

    @admin.action(description=_("Decide: included"))
    def decide_included(self, request: AuthenticatedHttpRequest, queryset: QuerySet[Any]) -> None:
        self._decide(request, queryset, PlanState.INCLUDED)

    @admin.action(description=_("Decide: included with conditions (conditions below)"))
    def decide_with_conditions(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet[Any]
    ) -> None:
        self._decide(request, queryset, PlanState.INCLUDED_WITH_CONDITIONS)

    @admin.action(description=_("Decide: not included"))
    def decide_not_included(
        self, request: AuthenticatedHttpRequest, queryset: QuerySet[Any]
    ) -> None:
        self._decide(request, queryset, PlanState.NOT_INCLUDED)


@admin.register(MunicipalOpinion)
class MunicipalOpinionAdmin(ReadOnlyAdmin):
    list_display = ["plan", "municipality", "state", "verdict", "needs_council", "due_date"]
    list_filter = ["state", "verdict", "needs_council", "municipality"]
    search_fields = ["plan__provider__name", "municipality__name"]
    inlines = [TransitionLogInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[MunicipalOpinion]:
        return opinion_list_for_user(user=request.user)


@admin.register(CouncilResolution)
class CouncilResolutionAdmin(ReadOnlyAdmin):
    list_display = ["number", "municipality", "meeting_date", "outcome", "recorded_at"]
    list_filter = ["municipality", "outcome"]
    search_fields = ["number"]
    # The stored file is served only by the permission-checked download, never by its path.
    exclude = ["document"]
    readonly_fields = ["document_link"]

    @admin.display(description=_("document"))
    def document_link(self, resolution: CouncilResolution) -> str:
        if not resolution.document:
            return "–"
        url = reverse("plans:resolution_document", args=[resolution.pk])
        return format_html('<a href="{}">{}</a>', url, resolution.document_filename)


@admin.register(RegionalDecision)
class RegionalDecisionAdmin(ReadOnlyAdmin):
    list_display = ["plan", "outcome", "resolution_number", "resolution_date", "decided_by"]
    list_filter = ["outcome", "body"]
