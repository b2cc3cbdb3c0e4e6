"""What the plan page shows of the assessment (section "Hodnocení"), for whoever may see
it: the results, the flagged difference, the cost per unit beside the reference value and,
for the regional office, the score form."""

from typing import Any

from django.http import HttpRequest

from backend.assessment.forms import AssessmentForm
from backend.assessment.rules import is_plan_office
from backend.assessment.selectors import plan_assessment_for_user, plan_cost_comparison


def assessment_context(
    request: HttpRequest, plan: Any, form: AssessmentForm | None = None
) -> dict[str, Any]:
    view = plan_assessment_for_user(plan=plan, user=request.user)
    if view is None:
        return {"assessment": None}
    office = is_plan_office(request.user, plan)
    return {
        "assessment": view,
        "cost_comparison": plan_cost_comparison(plan=plan) if office else None,
        "assessment_form": (form or AssessmentForm(criteria=view.criteria, own=view.own))
        if view.can_assess
        else None,
    }
