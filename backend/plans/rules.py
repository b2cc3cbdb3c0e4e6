"""Object-level permissions on plans and opinions (django-rules), used by every interface."""

from typing import Any

import rules

from backend.accounts.rules import roles_of
from backend.plans.selectors import plan_is_visible_to


@rules.predicate
def is_plan_provider(user: Any, plan: Any) -> bool:
    return plan is not None and plan.provider_id in roles_of(user).provider_ids


@rules.predicate
def can_see_plan(user: Any, plan: Any) -> bool:
    return plan is not None and plan_is_visible_to(user=user, plan=plan)


@rules.predicate
def is_plan_regional_officer(user: Any, plan: Any) -> bool:
    return plan is not None and plan.call.region_id in roles_of(user).region_ids


@rules.predicate
def is_opinion_officer(user: Any, opinion: Any) -> bool:
    return (
        opinion is not None and opinion.municipality_id in roles_of(user).officer_municipality_ids
    )


@rules.predicate
def is_opinion_secretary(user: Any, opinion: Any) -> bool:
    return (
        opinion is not None and opinion.municipality_id in roles_of(user).secretary_municipality_ids
    )


rules.add_perm("plans.view_developmentplan", can_see_plan)
rules.add_perm("plans.change_developmentplan", is_plan_provider)
rules.add_perm("plans.submit_plan", is_plan_provider)
rules.add_perm("plans.withdraw_plan", is_plan_provider)
rules.add_perm("plans.review_plan", is_plan_regional_officer)
rules.add_perm("plans.decide_plan", is_plan_regional_officer)
rules.add_perm("plans.draft_opinion", is_opinion_officer)
rules.add_perm("plans.record_resolution", is_opinion_secretary)
