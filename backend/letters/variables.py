"""The values a letter's text is rendered with: plain text, numbers, dates and lists of text
taken from a plan (and its decision or opinion), never the records themselves."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from backend.letters.kinds import DECISION_VARIABLES, OPINION_VARIABLES, VARIABLES, LetterKind
from backend.plans.models import DevelopmentPlan, MunicipalOpinion


def _number(value: Decimal | None) -> Decimal | None:
    """15.00 → 15, 2.50 → 2.5: a capacity prints as written."""
    if value is None:
        return None
    normalized = value.normalize()
    return normalized.quantize(Decimal(1)) if normalized == normalized.to_integral() else normalized


def _day(value: dt.datetime | dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def plan_variables(plan: DevelopmentPlan) -> dict[str, Any]:
    """The variables every letter about a plan may use."""
    service, provider, call = plan.service, plan.provider, plan.call
    region = call.region
    return {
        "plan_number": plan.pk,
        "plan_kind": str(plan.get_kind_display()),
        "provider_name": provider.name,
        "provider_ico": provider.ico,
        "provider_address": getattr(provider, "address", "") or "",
        "service_name": service.name,
        "service_type": str(service.service_type),
        "registration_number": service.registration_number or "",
        "capacity_current": _number(plan.capacity_current),
        "capacity_requested": _number(plan.capacity_requested),
        "capacity_unit": str(plan.get_capacity_unit_display()) if plan.capacity_unit else "",
        "orps": [orp.name for orp in plan.orps.all()],
        "call_name": call.name,
        "period": str(call.period),
        "region_name": region.name,
        "office_name": region.office_name or region.name,
    }


def decision_variables(plan: DevelopmentPlan) -> dict[str, Any]:
    """The decision's variables (empty values while the plan is not decided)."""
    decision = getattr(plan, "decision", None)
    if decision is None:
        return {variable.name: "" for variable in DECISION_VARIABLES}
    return {
        "outcome": str(decision.get_outcome_display()),
        "deciding_body": str(decision.get_body_display()),
        "resolution_number": decision.resolution_number,
        "resolution_date": decision.resolution_date,
        "approved_capacity": _number(decision.approved_capacity),
        "decision_conditions": decision.conditions,
        "level": str(decision.get_level_display()) if decision.level else "",
        "remedy_due": decision.remedy_due,
        "decided_at": _day(decision.decided_at),
    }


def opinion_variables(opinion: MunicipalOpinion | None) -> dict[str, Any]:
    """An opinion's variables (empty values without one)."""
    if opinion is None:
        return {variable.name: "" for variable in OPINION_VARIABLES}
    return {
        "municipality_name": opinion.municipality.name,
        "verdict": str(opinion.get_verdict_display()) if opinion.verdict else "",
        "reasoning": opinion.reasoning,
        "opinion_conditions": opinion.conditions,
        "cofinancing_amount": _number(opinion.cofinancing_amount),
        "issued_at": _day(opinion.issued_at),
    }


def letter_variables(
    *,
    kind: str,
    plan: DevelopmentPlan,
    opinion: MunicipalOpinion | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Every documented variable of `kind` for the plan; `extra` gives the e-mail's own
    (`url`, `due`, `comment`). A variable with no value is empty, never missing."""
    values = plan_variables(plan)
    if kind in (LetterKind.DECISION, LetterKind.PLAN_DECIDED):
        values |= decision_variables(plan)
    if kind == LetterKind.OPINION:
        values |= opinion_variables(opinion)
    if kind == LetterKind.OPINION_REQUESTED:
        values["municipality_name"] = opinion.municipality.name if opinion else ""
    values |= extra or {}
    return {
        variable.name: values.get(variable.name, "") for variable in VARIABLES[LetterKind(kind)]
    }


def sample_variables(kind: str) -> dict[str, Any]:
    """Example values of every variable of `kind`: a text is rendered with them before it is
    saved, so one that does not render is refused."""
    values: dict[str, Any] = {}
    for variable in VARIABLES[LetterKind(kind)]:
        if variable.is_list:
            values[variable.name] = ["Liberec", "Tanvald"]
        elif variable.name.endswith(("_date", "_due", "_at")) or variable.name == "due":
            values[variable.name] = dt.date(2017, 9, 26)
        elif variable.name.startswith(("capacity", "approved", "cofinancing")):
            values[variable.name] = Decimal(15)
        elif variable.name == "plan_number":
            values[variable.name] = 7
        else:
            values[variable.name] = variable.name
    return values
