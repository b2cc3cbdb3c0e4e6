"""Filters of the plan list; their state lives in the URL."""

from typing import Any

import django_filters
from django.db.models import BooleanField, F, Func, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from backend.calls.models import Call
from backend.core.folding import search_word
from backend.core.long_choices import LongSelect
from backend.machines.plan_review.states import PlanState
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
    # The plan list is the office's most loaded page: its selects are rendered in Python
    # (LongSelect, the same markup as Django's; tests/plans/test_filters_markup.py).
    q = django_filters.CharFilter(label=_("Search"), method="search")
    call = django_filters.ModelChoiceFilter(
        queryset=Call.objects.all(), label=_("Call"), widget=LongSelect
    )
    state = django_filters.ChoiceFilter(
        choices=PlanState.choices, label=_("State"), widget=LongSelect
    )
    service_type = django_filters.ModelChoiceFilter(
        field_name="service__service_type",
        queryset=ServiceType.objects.all(),
        label=_("§ type"),
        widget=LongSelect,
    )
    orp = django_filters.ModelChoiceFilter(
        field_name="orps", queryset=Orp.objects.all(), label=_("ORP"), widget=LongSelect
    )
    owner = django_filters.ChoiceFilter(
        label=_("Case owner"),
        choices=[
            (Cases.MINE.value, Cases.MINE.label),
            (Cases.UNASSIGNED.value, Cases.UNASSIGNED.label),
        ],
        method="by_owner",
        widget=LongSelect,
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
        case-insensitively (backend/core/folding.py). Only the plan's own columns are
        compared, so no plan repeats: the list needs no DISTINCT."""
        terms = Q()
        for word in value.split():
            folded = search_word(word)
            providers = Provider.objects.filter(Q(name_folded__contains=folded) | Q(ico=word))
            services = SocialService.objects.filter(
                Q(name_folded__contains=folded) | Q(registration_number=word)
            )
            terms &= (
                _among("provider_id", providers)
                | _among("service_id", services)
                | Q(justification_folded__contains=folded)
            )
        return queryset.filter(terms)


# Up to this many providers or services a word matches, their ids are read first and given
# to the plan query as values: the planner then knows how few plans can match (an IČ: 51 of
# 100 000) and reads them by index and sorts them, instead of walking the sort index past
# every other plan (37 ms for the IČ's page). More are left to the database (`AmongIds`).
LISTED_IDS = 500


def _among(column: str, rows: QuerySet) -> Q:
    ids = list(rows.order_by().values_list("pk", flat=True)[: LISTED_IDS + 1])
    if len(ids) <= LISTED_IDS:
        return Q(**{f"{column}__in": ids})
    return Q(AmongIds(column, rows))


class AmongIds(Func):
    """`column = ANY(ARRAY(SELECT id …))` on PostgreSQL, `column IN (SELECT id …)` elsewhere.

    With `IN (subquery)` in an OR, PostgreSQL reads every plan of the scope and probes a
    hashed subplan per row (issue 23: ~100 ms at 100 000 plans, whatever the word). An array
    computed once lets it OR the bitmaps of the foreign keys' indexes and the trigram index
    for the count (0.4 ms for an IČ), and still walk the sort index for a page."""

    conditional = True
    output_field = BooleanField()
    template = "%(expressions)s"
    arg_joiner = " IN "

    def __init__(self, column: str, rows: QuerySet) -> None:
        super().__init__(F(column), Subquery(rows.order_by().values("pk")))

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="%(expressions)s)",
            arg_joiner=" = ANY(ARRAY",
            **extra_context,
        )
