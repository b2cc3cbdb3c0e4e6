"""Filters of the plan list; their state lives in the URL."""

from typing import Any

import django_filters
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from backend.calls.models import Call
from backend.machines.plan_review.states import PlanState
from backend.plans.worklist import Cases, owned_by
from backend.registry.models import Orp, ServiceType

# The annotation `plans.selectors.plan_list_scored` gives the plans.
SCORE = "assessment_score"


class PlanOrdering(django_filters.OrderingFilter):
    """The list's sorting; by score, plans without one come last either way."""

    def get_ordering_value(self, param: str) -> Any:
        descending = param.startswith("-")
        name = self.param_map.get(param.lstrip("-"))
        if name == SCORE:
            expression = F(SCORE)
            return (
                expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
            )
        return super().get_ordering_value(param)


class PlanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    call = django_filters.ModelChoiceFilter(queryset=Call.objects.all(), label=_("Call"))
    state = django_filters.ChoiceFilter(choices=PlanState.choices, label=_("State"))
    service_type = django_filters.ModelChoiceFilter(
        field_name="service__service_type", queryset=ServiceType.objects.all(), label=_("§ type")
    )
    orp = django_filters.ModelChoiceFilter(
        field_name="orps", queryset=Orp.objects.all(), label=_("ORP")
    )
    owner = django_filters.ChoiceFilter(
        label=_("Case owner"),
        choices=[
            (Cases.MINE.value, Cases.MINE.label),
            (Cases.UNASSIGNED.value, Cases.UNASSIGNED.label),
        ],
        method="by_owner",
    )
    sort = PlanOrdering(
        label=_("Sort by"),
        fields=(
            (SCORE, "score"),
            ("submitted_at", "submitted"),
            ("provider__name", "provider"),
            ("state", "state"),
            ("capacity_requested", "capacity"),
            ("id", "number"),
        ),
    )

    def by_owner(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """`mine`: the plans assigned to the user or to a colleague they stand in for today;
        `unassigned`: the plans nobody owns."""
        user = getattr(self.request, "user", None)
        if user is None:
            return queryset.none()
        return queryset.filter(owned_by(user, value))

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Full-text search over the provider, IČ, service, registration number and text."""
        terms = Q()
        for word in value.split():
            terms &= (
                Q(provider__name__icontains=word)
                | Q(provider__ico=word)
                | Q(service__name__icontains=word)
                | Q(service__registration_number=word)
                | Q(justification__icontains=word)
            )
        return queryset.filter(terms).distinct()
