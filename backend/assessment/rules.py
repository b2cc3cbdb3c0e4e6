"""Who may do what with the assessment (django-rules predicates, used by the services, the
selectors, the pages and the API).

- the regional officers of the call's region manage its criteria and assess its plans, and
  see the scores and their reasons (an assessor sees a colleague's scores only once the plan
  has every assessment the call asks for: `selectors.plan_assessment_for_user`);
- the regional officers maintain their region's reference values;
- the plan's provider sees the scores and reasons once the plan is decided;
- nobody else (municipal officers, council secretaries) sees them.
"""

from typing import Any

import rules

from backend.accounts.rules import roles_of
from backend.machines.plan_review.states import DECIDED_STATES


@rules.predicate
def may_manage_criteria(user: Any, call: Any) -> bool:
    return call is not None and call.region_id in roles_of(user).region_ids


@rules.predicate
def may_manage_reference_values(user: Any, region: Any) -> bool:
    return region is not None and region.pk in roles_of(user).region_ids


@rules.predicate
def is_plan_office(user: Any, plan: Any) -> bool:
    """A regional officer of the region whose call the plan was filed into."""
    return plan is not None and plan.call.region_id in roles_of(user).region_ids


@rules.predicate
def is_decided_plans_provider(user: Any, plan: Any) -> bool:
    return (
        plan is not None
        and plan.state in DECIDED_STATES
        and plan.provider_id in roles_of(user).provider_ids
    )


may_assess = is_plan_office
may_see_assessment = is_plan_office | is_decided_plans_provider

rules.add_perm("assessment.manage_criteria", may_manage_criteria)
rules.add_perm("assessment.manage_reference_values", may_manage_reference_values)
rules.add_perm("assessment.assess_plan", may_assess)
rules.add_perm("assessment.view_assessment", may_see_assessment)
