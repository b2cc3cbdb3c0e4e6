"""Reads of providers and services, scoped to what the user may see: regional officers
everything; provider users their own organisation; municipalities the providers and
services of the plans they may see."""

from typing import Any

from django.db.models import Q, QuerySet

from backend.accounts.rules import roles_of
from backend.registry.models import Provider, SocialService


def _visible_plans(user: Any) -> QuerySet:
    from backend.plans.models import DevelopmentPlan
    from backend.plans.selectors import plan_visibility_q

    return DevelopmentPlan.objects.filter(plan_visibility_q(user))


def provider_list_for_user(*, user: Any) -> QuerySet[Provider]:
    roles = roles_of(user)
    if roles.region_ids:
        return Provider.objects.all()
    return Provider.objects.filter(
        Q(pk__in=roles.provider_ids) | Q(pk__in=_visible_plans(user).values("provider_id"))
    )


def service_list_for_user(*, user: Any) -> QuerySet[SocialService]:
    roles = roles_of(user)
    services = SocialService.objects.select_related("provider", "service_type")
    if roles.region_ids:
        return services
    return services.filter(
        Q(provider_id__in=roles.provider_ids) | Q(pk__in=_visible_plans(user).values("service_id"))
    )
