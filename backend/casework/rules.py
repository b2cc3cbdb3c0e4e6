"""Who may hand out cases: the regional office its plans, a municipality's officers its
opinions (django-rules permissions, checked by the services and shown by the pages)."""

import rules

from backend.plans.rules import is_opinion_officer, is_plan_regional_officer

rules.add_perm("plans.assign_plan", is_plan_regional_officer)
rules.add_perm("plans.assign_opinion", is_opinion_officer)
