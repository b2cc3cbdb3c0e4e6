"""Filters of the plan, opinion and resolution lists (query parameters)."""

from typing import Any

import django_filters
from django.db.models import F, QuerySet
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request

from backend.api.filters import FormBuiltOnce, IdFilter
from backend.machines.opinion_review.states import OpinionState, Verdict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState
from backend.plans.choices import ResolutionOutcome
from backend.plans.filters import SCORE
from backend.plans.filters import PlanFilter as WebPlanFilter
from backend.plans.models import CouncilResolution, DevelopmentPlan, MunicipalOpinion
from backend.plans.selectors import plan_list_scored
from backend.plans.worklist import Cases
from backend.registry.models import Orp, ServiceType


class PlanFilter(FormBuiltOnce):
    q = django_filters.CharFilter(
        method="search", help_text="Words in the provider, IČ, service, registration number, text."
    )
    call = IdFilter(field_name="call_id")
    provider = IdFilter(field_name="provider_id")
    service = IdFilter(field_name="service_id")
    # No DISTINCT: a plan has one state, and DISTINCT over whole rows sorted every match.
    state = django_filters.MultipleChoiceFilter(choices=PlanState.choices, distinct=False)
    kind = django_filters.ChoiceFilter(choices=PlanKind.choices)
    service_type = django_filters.ModelChoiceFilter(
        field_name="service__service_type",
        queryset=ServiceType.objects.all(),
        to_field_name="paragraph",
        help_text="§ of the service, e.g. 51",
    )
    orp = django_filters.ModelChoiceFilter(
        field_name="orps", queryset=Orp.objects.all(), to_field_name="code", method="in_orp"
    )
    owner = django_filters.ChoiceFilter(
        choices=[(Cases.MINE.value, "mine"), (Cases.UNASSIGNED.value, "unassigned")],
        method="by_owner",
        help_text="`mine`: assigned to you or to a colleague you stand in for today; "
        "`unassigned`: owned by nobody.",
    )
    assignee = IdFilter(field_name="assignee_id")
    submitted_after = django_filters.IsoDateTimeFilter(field_name="submitted_at", lookup_expr="gte")
    submitted_before = django_filters.IsoDateTimeFilter(
        field_name="submitted_at", lookup_expr="lte"
    )

    class Meta:
        model = DevelopmentPlan
        fields: list[str] = []

    def in_orp(self, queryset: QuerySet, name: str, value: Orp) -> QuerySet:
        """A semi-join on the territory table: no DISTINCT over whole plan rows (which made
        PostgreSQL sort every matching plan before it could page)."""
        touching = DevelopmentPlan.orps.through.objects.filter(orp=value)
        return queryset.filter(pk__in=touching.values("developmentplan_id"))

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return WebPlanFilter.search(self, queryset, name, value)

    def by_owner(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return WebPlanFilter.by_owner(self, queryset, name, value)


class OpinionFilter(django_filters.FilterSet):
    plan = IdFilter(field_name="plan_id")
    municipality = IdFilter(field_name="municipality_id")
    state = django_filters.MultipleChoiceFilter(choices=OpinionState.choices)
    verdict = django_filters.ChoiceFilter(choices=Verdict.choices)
    assignee = IdFilter(field_name="assignee_id")

    class Meta:
        model = MunicipalOpinion
        fields: list[str] = []


class ResolutionFilter(django_filters.FilterSet):
    municipality = IdFilter(field_name="municipality_id")
    number = django_filters.CharFilter()
    outcome = django_filters.ChoiceFilter(choices=ResolutionOutcome.choices)

    class Meta:
        model = CouncilResolution
        fields: list[str] = []


class PlanOrdering(OrderingFilter):
    """`ordering` of the plans; `score` / `-score` sorts by the assessment's score as the
    caller may see it (docs/assessment.md), plans without one last either way."""

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        ordering = self.get_ordering(request, queryset, view)
        if not ordering or not any(term.lstrip("-") == "score" for term in ordering):
            return super().filter_queryset(request, queryset, view)
        queryset = plan_list_scored(queryset, user=request.user)
        terms: list[Any] = []
        for term in ordering:
            if term.lstrip("-") == "score":
                score = F(SCORE)
                terms.append(
                    score.desc(nulls_last=True)
                    if term.startswith("-")
                    else score.asc(nulls_last=True)
                )
            else:
                terms.append(term)
        return queryset.order_by(*terms)
