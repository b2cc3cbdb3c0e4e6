"""The real 2017 case from the Liberec steering group minutes of 30 Aug 2017.

Call 31 Jul – 4 Aug 2017 for the network 2018–2020. TULIPAN's inclusion (3 beds) and its
extension 3 → 15 beds go all the way: the City of Liberec supports, the city council approves
the extension by resolution 827/2017 of 29 Aug 2017, the region includes both. CZSP's +2 beds
stays at the opinion stage. (The regional resolution number is invented for the demo; the
minutes do not give it. Current capacities other than TULIPAN's are illustrative.)
"""

import datetime as dt
from typing import Any

from backend.calls.models import Call, NetworkPeriod
from backend.core.deadlines import end_of_day
from backend.demo.replay import at, draft, prague
from backend.machines.opinion_review.states import Verdict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState
from backend.plans.choices import DecidingBody, ResolutionOutcome
from backend.plans.models import DevelopmentPlan
from backend.registry.models import Region, SocialService
from workflows.call_lifecycle.actions import call_close, call_open
from workflows.opinion_review.actions import (
    opinion_draft,
    opinion_issue,
    opinion_record_resolution,
    opinion_send_to_council,
)
from workflows.plan_review.actions import plan_decide, plan_submit

CALL_NAME = "Výzva k předkládání rozvojových záměrů do ZSSS LK 2018–2020 (2017)"
WHY = {
    "inclusion": "Zařazení chráněného bydlení pro osoby s mentálním postižením (kapacita 3 lůžka) "
    "do základní sítě.",
    "raise": "Rozšíření kapacity chráněného bydlení ze 3 na 15 lůžek v návaznosti "
    "na transformaci pobytových služeb.",
    "czsp": "Navýšení kapacity domova pro seniory o 2 lůžka.",
    "cvt": "Rozšíření služby v rámci Strategického plánu sociálního začleňování města Liberec.",
    "romodrom": "Terénní programy v sociálně vyloučených lokalitách Liberce.",
}
NEW, MORE = PlanKind.INCLUSION, PlanKind.CAPACITY_INCREASE
# key, submitted (2017: month, day, hour, minute), provider, service, kind, capacity now → asked,
# activity cards, justification
SUBMISSIONS = [
    ("inclusion", (8, 2, 9, 15), "tulipan", "tulipan_ch", NEW, "0", "3", ("A02-05",), "inclusion"),
    ("raise", (8, 2, 9, 40), "tulipan", "tulipan_ch", MORE, "3", "15", ("A02-05",), "raise"),
    ("czsp", (8, 3, 13, 0), "czsp", "czsp_ds", MORE, "60", "62", (), "czsp"),
    ("cvt_osp", (8, 4, 14, 0), "cvt", "cvt_osp", MORE, "1.5", "2.5", (), "cvt"),
    ("cvt_tp", (8, 4, 14, 0), "cvt", "cvt_tp", MORE, "2", "3", (), "cvt"),
    ("romodrom", (8, 4, 16, 30), "romodrom", "romodrom_tp", MORE, "1", "2", (), "romodrom"),
]


def _submit(
    users: dict[str, Any], services: dict[str, SocialService], call: Call, row: tuple[Any, ...]
) -> DevelopmentPlan:
    _, (month, day, hour, minute), provider, service, kind, current, requested, cards, why = row
    with at(prague(2017, month, day, hour, minute)):
        plan = draft(
            by=users[provider],
            call=call,
            service=services[service],
            kind=kind,
            current=current,
            requested=requested,
            cards=cards,
            justification=WHY[why],
        )
        plan_submit(plan=plan, by=users[provider])
    return plan


def load_case_2017(users: dict[str, Any], services: dict[str, SocialService]) -> Call:
    period, _ = NetworkPeriod.objects.get_or_create(start_year=2018, end_year=2020)
    call = Call.objects.create(
        region=Region.objects.get(code="CZ051"),
        period=period,
        name=CALL_NAME,
        opens_at=prague(2017, 7, 31, 0, 0),
        closes_at=end_of_day(dt.date(2017, 8, 4)),
        # The call set no deadline for the municipal opinions (none is known from 2017), so
        # the plans still waiting for one are not recorded as "not given" by the scheduler.
        council_deadline_date=dt.date(2017, 9, 15),
        decision_date_fixed=dt.date(2017, 9, 26),
    )
    with at(prague(2017, 7, 31, 0, 1)):
        call_open(call=call)

    submitted = {row[0]: _submit(users, services, call, row) for row in SUBMISSIONS}
    inclusion, extension, czsp_plan = (submitted[k] for k in ("inclusion", "raise", "czsp"))
    with at(prague(2017, 8, 5, 0, 5)):
        call_close(call=call)

    officer, secretary, region = users["liberec"], users["liberec.rada"], users["kraj"]
    with at(prague(2017, 8, 14, 10, 0)):
        opinion = inclusion.opinions.get()
        opinion_draft(
            opinion=opinion,
            by=officer,
            verdict=Verdict.SUPPORTS,
            reasoning="Chráněné bydlení pro osoby s mentálním postižením ve městě chybí; "
            "služba odpovídá komunitnímu plánu města Liberec.",
        )
        opinion_issue(opinion=opinion, by=officer)
    with at(prague(2017, 8, 21, 11, 0)):
        opinion = extension.opinions.get()
        opinion_draft(
            opinion=opinion,
            by=officer,
            verdict=Verdict.SUPPORTS,
            reasoning="Rozšíření ze 3 na 15 lůžek umožní přechod klientů z ústavní péče "
            "do komunity; město s navýšením souhlasí, o závazku rozhoduje rada města.",
        )
        opinion_send_to_council(opinion=opinion, by=officer)
    with at(prague(2017, 8, 29, 15, 0)):
        opinion_record_resolution(
            opinion=extension.opinions.get(),
            by=secretary,
            number="827/2017",
            meeting_date=dt.date(2017, 8, 29),
            outcome=ResolutionOutcome.APPROVED,
        )
    with at(prague(2017, 8, 30, 9, 0)):
        opinion_draft(opinion=czsp_plan.opinions.get(), by=officer, verdict=Verdict.SUPPORTS)
    with at(prague(2017, 9, 26, 14, 0)):
        for plan in (inclusion, extension):
            plan_decide(
                plan=plan,
                by=region,
                outcome=PlanState.INCLUDED,
                body=DecidingBody.REGIONAL_ASSEMBLY,
                resolution_number="402/17/ZK",
                resolution_date=dt.date(2017, 9, 26),
            )
    return call
