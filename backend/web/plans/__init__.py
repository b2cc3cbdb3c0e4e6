"""Web pages of development plans, split by concern: listing, editing, transitions,
opinions and documents."""

from collections.abc import Callable
from typing import Any

from django.http import Http404

from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from backend.plans.selectors import opinion_get_for_user, plan_get_for_user

PlanSelector = Callable[..., DevelopmentPlan]


def visible_plan(
    user: Any, plan_id: int, *, selector: PlanSelector = plan_get_for_user
) -> DevelopmentPlan:
    """The plan, or 404 when it is outside the user's scope (never reveal it exists);
    `selector` may read it with more (`plan_get_for_page`) within the same scope."""
    try:
        return selector(user=user, plan_id=plan_id)
    except DevelopmentPlan.DoesNotExist as error:
        raise Http404 from error


def visible_opinion(user: Any, opinion_id: int) -> MunicipalOpinion:
    try:
        return opinion_get_for_user(user=user, opinion_id=opinion_id)
    except MunicipalOpinion.DoesNotExist as error:
        raise Http404 from error
