"""The demo's casework: the current call's plans shared between two regional officers, a
Liberec opinion with its officer, and Martin Beneš (`kraj2`) away this week with Jana
Nováková (`kraj`) standing in — so `kraj` sees his cases in her inbox and hears of them."""

import datetime as dt
from typing import Any

from django.utils import timezone

from backend.accounts.absences import absence_record
from backend.calls.models import Call
from backend.casework.services import opinion_assign, plan_assign
from backend.demo.replay import at, prague
from backend.machines.opinion_review.states import OPEN_STATES
from backend.machines.plan_review.states import PlanState
from backend.plans.models import MunicipalOpinion


def load_casework(users: dict[str, Any], call: Call) -> None:
    kraj, kraj2 = users["kraj"], users["kraj2"]
    today = timezone.localdate()
    moment = today - dt.timedelta(days=8)
    plans = list(call.plans.exclude(state=PlanState.DRAFT).order_by("pk"))
    with at(prague(moment.year, moment.month, moment.day, 10)):
        # Every second plan is Martin's, and the one waiting for a decision, so that Jana
        # finds it in her inbox while she stands in; one is left for whoever takes it first.
        for index, plan in enumerate(plans[:-1]):
            his = index % 2 or plan.state == PlanState.AWAITING_DECISION
            plan_assign(plan=plan, assignee=kraj2 if his else kraj, by=kraj)
        opinion = (
            MunicipalOpinion.objects.filter(
                plan__call=call, municipality__name="Liberec", state__in=OPEN_STATES
            )
            .order_by("pk")
            .first()
        )
        if opinion is not None:
            opinion_assign(opinion=opinion, assignee=users["liberec"], by=users["liberec"])
    absence_record(
        user=kraj2,
        substitute=kraj,
        starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=6),
        note="Dovolená",
        by=kraj2,
    )
