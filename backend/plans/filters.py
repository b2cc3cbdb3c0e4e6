"""Filters of the plan list; their state lives in the URL."""

from typing import Any

import django_filters
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from backend.calls.models import Call
from backend.core.folding import search_word
from backend.machines.plan_review.states import PlanState
from backend.plans.models import DevelopmentPlan
from backend.plans.worklist import Cases, owned_by
from backend.registry.models import Orp, Provider, ServiceType, SocialService

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
        """Every word must match the provider (name, or IČ whole), the service (name, or
        registration number whole) or the justification; names and text accent- and
        case-insensitively (backend/core/folding.py)."""
        for word in value.split():
            queryset = queryset.filter(pk__in=_plans_matching(word))
        return queryset


def _plans_matching(word: str) -> QuerySet:
    """The ids of the plans one word matches, as a UNION of three index reads (on PostgreSQL
    the trigram indexes, IČ's and the registration number's unique ones, the plan's foreign
    keys). An OR of the three over the plans read every plan of the scope (a seq scan with
    hashed subplans); a semi-join repeats no plan, so the list needs no DISTINCT."""
    folded = search_word(word)
    providers = Provider.objects.filter(Q(name_folded__contains=folded) | Q(ico=word))
    services = SocialService.objects.filter(
        Q(name_folded__contains=folded) | Q(registration_number=word)
    )
    plans = DevelopmentPlan.objects.order_by().values("pk")
    return plans.filter(provider_id__in=providers.values("pk")).union(
        plans.filter(service_id__in=services.values("pk")),
        plans.filter(justification_folded__contains=folded),
    )
