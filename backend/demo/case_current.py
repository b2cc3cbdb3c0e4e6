"""A current, open call (dates relative to today) with a plan in every state."""

import datetime as dt
from typing import Any

from django.utils import timezone

from backend.calls.models import Call, NetworkPeriod
from backend.core.deadlines import end_of_day
from backend.demo.organisations import PROVIDERS
from backend.demo.replay import at, draft, prague
from backend.machines.opinion_review.states import Verdict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState
from backend.plans.choices import DecidingBody, ResolutionOutcome
from backend.registry.models import Region, SocialService
from workflows.call_lifecycle.actions import call_open
from workflows.opinion_review.actions import (
    opinion_draft,
    opinion_issue,
    opinion_record_resolution,
    opinion_send_to_council,
)
from workflows.plan_review.actions import (
    plan_decide,
    plan_lapse,
    plan_return_for_completion,
    plan_submit,
    plan_withdraw,
)

WHY = "Potřeba vyplývá z komunitního plánu a z akčního plánu ORP."


def load_current_call(users: dict[str, Any], services: dict[str, SocialService]) -> Call:
    today = timezone.localdate()
    year = today.year + 1

    def day(offset: int, hour: int = 9) -> dt.datetime:
        moment = today + dt.timedelta(days=offset)
        return prague(moment.year, moment.month, moment.day, hour)

    period, _ = NetworkPeriod.objects.get_or_create(start_year=year, end_year=year + 2)
    call = Call.objects.create(
        region=Region.objects.get(code="CZ051"),
        period=period,
        name=f"Výzva k předkládání rozvojových záměrů do ZSSS LK {year}–{year + 2}",
        opens_at=day(-10, 0),
        closes_at=end_of_day(today + dt.timedelta(days=14)),
        opinion_deadline_days=15,
        council_deadline_days=10,
        decision_date_days=20,
    )
    with at(day(-10, 1)):
        call_open(call=call)

    u, s = users, services
    with at(day(-9)):
        draft(
            by=u["romodrom"],
            call=call,
            service=s["romodrom_osp"],
            kind=PlanKind.INCLUSION,
            current="0",
            requested="1.5",
            justification=WHY,
        )
        plans = {
            key: draft(
                by=u[who],
                call=call,
                service=s[key],
                kind=kind,
                current=cur,
                requested=req,
                justification=WHY,
                orps=orps,
            )
            for key, who, kind, cur, req, orps in [
                ("cvt_tp_tanvald", "cvt", PlanKind.CAPACITY_INCREASE, "1", "2", ("5108",)),
                ("cvt_sas", "cvt", PlanKind.CAPACITY_INCREASE, "1", "2.5", ("5108",)),
                ("czsp_odl", "czsp", PlanKind.INCLUSION, "0", "4", ("5105",)),
                (
                    "tulipan_rehab",
                    "tulipan",
                    PlanKind.CAPACITY_INCREASE,
                    "2",
                    "3",
                    ("5105", "5103"),
                ),
                ("cvt_osp", "cvt", PlanKind.CAPACITY_INCREASE, "2.5", "3", ("5105",)),
                ("romodrom_tp", "romodrom", PlanKind.CAPACITY_INCREASE, "2", "3", ("5105",)),
                ("tulipan_ch", "tulipan", PlanKind.CAPACITY_DECREASE, "15", "12", ("5105",)),
                ("czsp_ds", "czsp", PlanKind.CAPACITY_INCREASE, "62", "64", ("5105",)),
                ("cvt_tp", "cvt", PlanKind.CAPACITY_INCREASE, "3", "5", ("5105",)),
            ]
        }
        for plan in plans.values():
            plan_submit(plan=plan, by=u[_provider_user(plan)])

    region = u["kraj"]
    with at(day(-8)):
        plan_return_for_completion(
            plan=plans["tulipan_rehab"],
            by=region,
            reason="Doložte personální zajištění navýšené kapacity.",
        )
        plan_return_for_completion(
            plan=plans["romodrom_tp"],
            by=region,
            reason="Chybí vyjádření k lokalitám působení.",
            due=(day(-6)).date(),
        )
    with at(day(-7)):
        plan_withdraw(plan=plans["cvt_osp"], by=u["cvt"], comment="Záměr odložen.")
    with at(day(-6)):
        _opine(plans["cvt_sas"], u["tanvald"], Verdict.SUPPORTS, to_council=True)
        _opine(plans["czsp_odl"], u["liberec"], Verdict.SUPPORTS)
        _opine(
            plans["cvt_tp"],
            u["liberec"],
            Verdict.DOES_NOT_SUPPORT,
            reasoning="Terénní programy v lokalitě již zajišťují dvě služby s volnou "
            "kapacitou; další navýšení komunitní plán nepředpokládá.",
        )
        _opine(
            plans["czsp_ds"],
            u["liberec"],
            Verdict.SUPPORTS,
            to_council=True,
            reasoning="Pořadník čekatelů domova pro seniory roste; navýšení o 2 lůžka "
            "odpovídá akčnímu plánu města.",
        )
    with at(day(-5)):
        opinion_record_resolution(
            opinion=plans["czsp_ds"].opinions.get(),
            by=u["liberec.rada"],
            number=f"1040/{today.year}",
            meeting_date=day(-5).date(),
            outcome=ResolutionOutcome.APPROVED,
        )
    with at(day(-4)):
        for key, outcome, conditions in [
            ("tulipan_ch", PlanState.INCLUDED, ""),
            (
                "czsp_ds",
                PlanState.INCLUDED_WITH_CONDITIONS,
                "Doložit registraci navýšené kapacity do 31. 3.",
            ),
            ("cvt_tp", PlanState.NOT_INCLUDED, ""),
        ]:
            plan_decide(
                plan=plans[key],
                by=region,
                outcome=outcome,
                conditions=conditions,
                body=DecidingBody.REGIONAL_COUNCIL,
                resolution_number=f"{1200 + len(key)}/{today.year % 100}/RK",
                resolution_date=day(-4).date(),
            )
    with at(day(-3)):
        plan_lapse(plan=plans["romodrom_tp"])
    return call


def _provider_user(plan: Any) -> str:
    return next(key for key, spec in PROVIDERS.items() if spec[1] == plan.provider.ico)


def _opine(
    plan: Any, officer: Any, verdict: str, *, to_council: bool = False, reasoning: str = ""
) -> None:
    opinion = plan.opinions.get()
    opinion_draft(opinion=opinion, by=officer, verdict=verdict, reasoning=reasoning)
    if to_council:
        opinion_send_to_council(opinion=opinion, by=officer)
    else:
        opinion_issue(opinion=opinion, by=officer)
