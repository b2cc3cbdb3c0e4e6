"""Reads of calls for the regional office."""

from typing import Any

from django.db.models import Count, QuerySet
from django.utils.functional import Promise

from backend.accounts.rules import roles_of
from backend.calls.models import Call
from backend.machines.plan_review.states import PlanState


def call_list_for_user(*, user: Any) -> QuerySet[Call]:
    """Calls of the regions the user works for."""
    return Call.objects.filter(region_id__in=roles_of(user).region_ids).select_related("period")


def call_outside_region(*, user: Any, call: Call) -> bool:
    """A regional officer acting on another region's call: answered as missing (404), as the
    calls pages do; roles that manage no calls are refused (403) by the rules instead."""
    region_ids = roles_of(user).region_ids
    return bool(region_ids) and call.region_id not in region_ids


def call_state_counts(*, call: Call) -> list[tuple[str, str | Promise, int]]:
    """How many plans of the call sit in each state (every state listed, zeros included):
    (state, its label, count); the state lets the page link to the filtered plan list."""
    counts = dict(call.plans.values_list("state").annotate(n=Count("id")).order_by())
    return [(value, label, counts.get(value, 0)) for value, label in PlanState.choices]


def call_list_visible(*, user: Any) -> QuerySet[Call]:
    """Calls are announced publicly: every signed-in user may read every call (providers
    pick the call to file into); only the region's officers manage them (`calls.rules`)."""
    if user is None or not user.is_authenticated:
        return Call.objects.none()
    return Call.objects.select_related("period").prefetch_related("service_types")
