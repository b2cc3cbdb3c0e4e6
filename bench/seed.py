"""Seed a regional-scale data set, reproducibly from a seed, with bulk inserts.

    DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python -m bench.seed --plans 100000 --seed 7

Into a freshly migrated database (the Liberec Region's ORPs and municipalities are reference
data, loaded by the migrations): 2 000 providers with valid IČ, 6 000 services, 10 calls,
the plans spread over every state with their opinions, council resolutions, decisions,
django-fsm-log StateLog rows, notifications, and the network register with its capacity
history. States are written only through `bulk_create` (never assigned on an instance), so
the FSM protection of the models is untouched. Users `bench.kraj` (regional officer),
`bench.obec.<ORP code>` (municipal officer of each ORP seat), `bench.rada.<ORP code>` (its
council secretary) and `bench.p<N>` (one per provider) get the password `bench-pass` and an
e-mail address (the soak counts the e-mails of every role).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import django

if __name__ == "__main__":
    django.setup()

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django_fsm_log.models import StateLog

from backend.accounts.models import Membership, Role, User
from backend.calls.models import Call, NetworkPeriod
from backend.machines.call_lifecycle.states import CallState
from backend.machines.opinion_review.states import OpinionState, Verdict
from backend.machines.opinion_review.transitions import OpinionTransition
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import DECIDED_STATES, INCLUDED_STATES, PlanState
from backend.machines.plan_review.transitions import PlanTransition
from backend.network.models import CapacityChange, NetworkEntry
from backend.plans.choices import DecidingBody, ResolutionOutcome
from backend.plans.concerns import plan_concerns_refresh
from backend.plans.models import (
    CouncilResolution,
    DevelopmentPlan,
    MunicipalOpinion,
    RegionalDecision,
)
from backend.registry.choices import LegalForm
from backend.registry.models import Orp, Provider, Region, ServiceType, SocialService
from backend.registry.validators import ico_check_digit, is_valid_ico
from notifications.kinds import Kind
from notifications.models import Notification

PASSWORD = "bench-pass"
BATCH = 5000
S = PlanState
O = OpinionState  # noqa: E741
PT = PlanTransition
OT = OpinionTransition
HISTORIC_CALLS = 7  # calls 0..6 are finished; 7 is closed (in review); 8 open; 9 planned
REVIEW_CALL, OPEN_CALL, PLANNED_CALL = 7, 8, 9
# (state, weight %): every state of the plan's machine.
STATE_WEIGHTS: list[tuple[str, int]] = [
    (S.INCLUDED, 42),
    (S.INCLUDED_WITH_CONDITIONS, 10),
    (S.NOT_INCLUDED, 12),
    (S.WITHDRAWN, 3),
    (S.LAPSED, 2),
    (S.AWAITING_OPINION, 9),
    (S.AWAITING_COUNCIL, 3),
    (S.AWAITING_DECISION, 8),
    (S.RETURNED, 2),
    (S.DRAFT, 9),
]


@dataclass
class Seeded:
    """What the benchmark needs to find again (ids, counts)."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def valid_icos(rng: random.Random, count: int) -> list[str]:
    """`count` distinct 8-digit IČ with a correct mod-11 check digit."""
    icos: list[str] = []
    for first_seven in rng.sample(range(1_000_000, 9_999_999), count):
        digits = str(first_seven)
        ico = digits + str(ico_check_digit(digits))
        assert is_valid_ico(ico), ico
        icos.append(ico)
    return icos


def _bulk(model: type, rows: list[Any]) -> list[Any]:
    return model.objects.bulk_create(rows, batch_size=BATCH)


def _through(relation: Any, pairs: list[tuple[int, int]], left: str, right: str) -> None:
    through = relation.through
    _bulk(through, [through(**{left: a, right: b}) for a, b in pairs])


def seed(*, plans: int, providers: int, services: int, seed_value: int) -> Seeded:
    started = time.monotonic()
    rng = random.Random(seed_value)
    now = timezone.now().replace(microsecond=0)
    today = timezone.localdate(now)
    region = Region.objects.get()
    orps = list(Orp.objects.select_related("seat").order_by("code"))
    if not orps:
        raise SystemExit("No ORPs: migrate first (the reference data comes with it).")
    types = list(ServiceType.objects.order_by("sort_key"))
    password = make_password(PASSWORD)

    # --- people and organisations -----------------------------------------------------------
    kraj = User.objects.create(
        username="bench.kraj",
        password=password,
        is_staff=True,
        first_name="Krajský",
        email="kraj@bench.example",
    )
    Membership.objects.create(user=kraj, role=Role.REGIONAL_OFFICER, region=region)
    officers: dict[int, User] = {}  # seat municipality id -> officer
    for orp in orps:
        for prefix, role in (("obec", Role.MUNICIPAL_OFFICER), ("rada", Role.COUNCIL_SECRETARY)):
            name = f"{prefix}.{orp.code}"
            user = User.objects.create(
                username=f"bench.{name}", password=password, email=f"{name}@bench.example"
            )
            Membership.objects.create(user=user, role=role, municipality_id=orp.seat_id)
            if role == Role.MUNICIPAL_OFFICER:
                officers[orp.seat_id] = user

    forms = list(LegalForm.values)
    provider_rows = _bulk(
        Provider,
        [
            Provider(
                name=f"Poskytovatel {i:04d}",
                ico=ico,
                legal_form=rng.choice(forms),
                address=f"Ulice {i}, Liberec",
                email=f"p{i}@bench.example",
            )
            for i, ico in enumerate(valid_icos(rng, providers))
        ],
    )
    provider_users = _bulk(
        User,
        [
            User(username=f"bench.p{i}", password=password, email=f"p{i}@bench.example")
            for i in range(providers)
        ],
    )
    _bulk(
        Membership,
        [
            Membership(user=u, role=Role.PROVIDER_USER, provider=p)
            for u, p in zip(provider_users, provider_rows, strict=True)
        ],
    )
    user_of_provider = {p.pk: u for p, u in zip(provider_rows, provider_users, strict=True)}

    registration_numbers = rng.sample(range(1_000_000, 9_999_999), services)
    service_rows: list[SocialService] = []
    for i in range(services):
        service_type = rng.choice(types)
        form = rng.choice(service_type.forms)
        service = SocialService(
            provider=provider_rows[i % providers],
            name=f"{service_type.name[:150]} {i:04d}",
            registration_number=str(registration_numbers[i]),
            registered_on=dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(3000)),
            service_type=service_type,
            form=form,
            capacity_unit=service_type.unit_for_form(form),
        )
        service.clean()  # the model's rules (form and unit), without a query per row
        service_rows.append(service)
    service_rows = _bulk(SocialService, service_rows)
    service_orp = {s.pk: rng.choice(orps) for s in service_rows}
    _through(
        SocialService.orps,
        [(s, o.pk) for s, o in service_orp.items()],
        "socialservice_id",
        "orp_id",
    )

    # --- periods and calls --------------------------------------------------------------------
    periods = [
        NetworkPeriod.objects.get_or_create(start_year=y, end_year=y + 2)[0]
        for y in (2015, 2018, 2021, 2024, 2027)
    ]
    call_period = [0, 0, 1, 1, 2, 2, 3, 4, 4, 4]
    calls: list[Call] = []
    for i in range(10):
        if i < HISTORIC_CALLS:
            opens = now - dt.timedelta(days=300 + (HISTORIC_CALLS - i) * 150)
            closes, state = opens + dt.timedelta(days=30), CallState.FINISHED
        elif i == REVIEW_CALL:
            opens, state = now - dt.timedelta(days=90), CallState.CLOSED
            closes = now - dt.timedelta(days=60)
        elif i == OPEN_CALL:
            opens, state = now - dt.timedelta(days=20), CallState.OPEN
            closes = now + dt.timedelta(days=30)
        else:
            opens, state = now + dt.timedelta(days=60), CallState.PLANNED
            closes = now + dt.timedelta(days=90)
        calls.append(
            Call(
                region=region,
                period=periods[call_period[i]],
                name=f"Bench call {i + 1}",
                opens_at=opens,
                closes_at=closes,
                opinion_deadline_days=30,
                council_deadline_days=20,
                decision_date_days=20,
                state=state,
            )
        )
    calls = _bulk(Call, calls)

    # --- plans --------------------------------------------------------------------------------
    states = [s for s, _ in STATE_WEIGHTS]
    weights = [w for _, w in STATE_WEIGHTS]
    kinds = list(PlanKind.values)
    plan_rows: list[DevelopmentPlan] = []
    for _ in range(plans):
        state = rng.choices(states, weights)[0]
        if state in (*DECIDED_STATES, S.WITHDRAWN, S.LAPSED):
            call_index = rng.randrange(HISTORIC_CALLS)
        elif state == S.DRAFT:
            call_index = rng.choice((OPEN_CALL, PLANNED_CALL))
        elif state == S.AWAITING_OPINION:
            call_index = rng.choice((REVIEW_CALL, OPEN_CALL))
        else:
            call_index = REVIEW_CALL
        call = calls[call_index]
        service = rng.choice(service_rows)
        kind = rng.choice(kinds)
        current = Decimal(rng.randrange(0, 40)) if kind != PlanKind.INCLUSION else Decimal(0)
        requested = {
            PlanKind.CAPACITY_DECREASE: max(current - rng.randrange(1, 5), Decimal(0)),
            PlanKind.OTHER_CHANGE: current,
        }.get(kind, current + rng.randrange(1, 10))
        submitted = None if state == S.DRAFT else call.opens_at + dt.timedelta(days=5)
        plan_rows.append(
            DevelopmentPlan(
                call=call,
                provider_id=service.provider_id,
                service=service,
                kind=kind,
                capacity_current=current,
                capacity_requested=requested,
                capacity_unit=service.capacity_unit,
                justification="Potřeba v území doložená komunitním plánem.",
                amount_requested=Decimal(rng.randrange(100, 5000) * 1000),
                planned_start=dt.date(call.period.start_year, 1, 1),
                submitted_at=submitted,
                completion_due=today + dt.timedelta(days=rng.randrange(3, 15))
                if state == S.RETURNED
                else None,
                returned_at=now - dt.timedelta(days=2) if state == S.RETURNED else None,
                decided_at=call.closes_at + dt.timedelta(days=60)
                if state in DECIDED_STATES
                else None,
                created_by=user_of_provider[service.provider_id],
                state=state,
            )
        )
    plan_rows = _bulk(DevelopmentPlan, plan_rows)
    plan_orps: dict[int, list[Orp]] = {}
    for plan in plan_rows:
        first = service_orp[plan.service_id]
        extra = [rng.choice(orps)] if rng.random() < 0.2 else []
        plan_orps[plan.pk] = list({o.pk: o for o in [first, *extra]}.values())
    _through(
        DevelopmentPlan.orps,
        [(p, o.pk) for p, os in plan_orps.items() for o in os],
        "developmentplan_id",
        "orp_id",
    )

    # --- opinions, resolutions, decisions, logs, notifications -------------------------------
    plan_ct = ContentType.objects.get_for_model(DevelopmentPlan)
    opinion_ct = ContentType.objects.get_for_model(MunicipalOpinion)
    opinions: list[MunicipalOpinion] = []
    resolutions: list[CouncilResolution] = []
    resolution_of: dict[int, int] = {}  # index in opinions -> index in resolutions
    resolution_seq: dict[int, int] = defaultdict(int)
    decisions: list[RegionalDecision] = []
    logs: list[StateLog] = []
    notices: list[Notification] = []
    versions: dict[int, int] = {}

    def log(ct: ContentType, pk: int, src: str, dst: str, transition: str, by: Any) -> None:
        logs.append(
            StateLog(
                content_type=ct,
                object_id=pk,
                source_state=src,
                state=dst,
                transition=transition,
                by=by,
                timestamp=now - dt.timedelta(days=1),
            )
        )

    for plan in plan_rows:
        owner = user_of_provider[plan.provider_id]
        state = plan.state
        if state == S.DRAFT:
            continue
        log(plan_ct, plan.pk, S.DRAFT, S.AWAITING_OPINION, PT.SUBMIT, owner)
        steps = 1
        for orp in plan_orps[plan.pk]:
            seat = orp.seat_id
            officer = officers[seat]
            values: dict[str, Any] = {
                "due_date": today + dt.timedelta(days=rng.randrange(1, 20)),
                "state": O.REQUESTED,
            }
            if state in (S.WITHDRAWN, S.LAPSED):
                values["state"] = O.CANCELLED
            elif state == S.AWAITING_OPINION and rng.random() < 0.4:
                values.update(state=O.DRAFTED, verdict=Verdict.SUPPORTS)
            elif state == S.AWAITING_COUNCIL:
                values.update(
                    state=O.AWAITING_COUNCIL,
                    verdict=Verdict.SUPPORTS,
                    needs_council=True,
                    council_due=today + dt.timedelta(days=rng.randrange(1, 20)),
                )
            elif state not in (S.AWAITING_OPINION, S.RETURNED):
                verdict = rng.choice(list(Verdict.values))
                values.update(
                    state=O.ISSUED,
                    verdict=verdict,
                    issued_at=now - dt.timedelta(days=3),
                    issued_by=officer,
                )
                if verdict == Verdict.SUPPORTS_WITH_CONDITIONS:
                    values["conditions"] = "Za podmínky spolufinancování obcí."
                if rng.random() < 0.2:
                    values["needs_council"] = True
                    resolution_seq[seat] += 1
                    resolution_of[len(opinions)] = len(resolutions)
                    resolutions.append(
                        CouncilResolution(
                            municipality_id=seat,
                            number=f"{resolution_seq[seat]}/{plan.call.period.start_year}",
                            meeting_date=today - dt.timedelta(days=10),
                            outcome=ResolutionOutcome.APPROVED,
                            recorded_by=officer,
                        )
                    )
            values["version"] = {O.REQUESTED: 1, O.DRAFTED: 2}.get(values["state"], 3)
            opinion = MunicipalOpinion(plan=plan, municipality_id=seat, **values)
            opinions.append(opinion)
            if state in (S.AWAITING_OPINION, S.RETURNED):
                notices.append(
                    Notification(
                        recipient=officer,
                        kind=Kind.OPINION_REQUESTED,
                        content_type=plan_ct,
                        object_id=plan.pk,
                        deadline=opinion.due_date,
                        occasion=f"seed-{plan.pk}",
                        email_status="sent",
                    )
                )
        if state == S.AWAITING_COUNCIL:
            log(plan_ct, plan.pk, S.AWAITING_OPINION, S.AWAITING_COUNCIL, PT.ROUTE, None)
            steps += 1
        elif state == S.RETURNED:
            log(plan_ct, plan.pk, S.AWAITING_OPINION, S.RETURNED, PT.RETURN_FOR_COMPLETION, kraj)
            steps += 1
        elif state == S.WITHDRAWN:
            log(plan_ct, plan.pk, S.AWAITING_OPINION, S.WITHDRAWN, PT.WITHDRAW, owner)
            steps += 1
        elif state == S.LAPSED:
            log(plan_ct, plan.pk, S.AWAITING_OPINION, S.RETURNED, PT.RETURN_FOR_COMPLETION, kraj)
            log(plan_ct, plan.pk, S.RETURNED, S.LAPSED, PT.LAPSE, None)
            steps += 2
        elif state in (S.AWAITING_DECISION, *DECIDED_STATES):
            log(plan_ct, plan.pk, S.AWAITING_OPINION, S.AWAITING_DECISION, PT.ROUTE, None)
            steps += 1
        if state in DECIDED_STATES:
            log(plan_ct, plan.pk, S.AWAITING_DECISION, state, PT.DECIDE, kraj)
            steps += 1
            decisions.append(
                RegionalDecision(
                    plan=plan,
                    outcome=state,
                    approved_capacity=plan.capacity_requested if state in INCLUDED_STATES else None,
                    conditions="Podmínka: doložit personální zajištění."
                    if state == S.INCLUDED_WITH_CONDITIONS
                    else "",
                    body=DecidingBody.REGIONAL_COUNCIL,
                    resolution_number=f"{plan.pk}/{plan.call.period.start_year % 100}/RK",
                    resolution_date=timezone.localdate(plan.decided_at),
                    decided_by=kraj,
                )
            )
            notices.append(
                Notification(
                    recipient=owner,
                    kind=Kind.PLAN_DECIDED,
                    content_type=plan_ct,
                    object_id=plan.pk,
                    deadline=timezone.localdate(plan.decided_at),
                    occasion=f"seed-{plan.pk}",
                    read_at=now,
                    email_status="sent",
                )
            )
        versions[plan.pk] = steps + 1

    resolutions = _bulk(CouncilResolution, resolutions)
    for opinion_index, resolution_index in resolution_of.items():
        opinions[opinion_index].resolution = resolutions[resolution_index]
    opinions = _bulk(MunicipalOpinion, opinions)
    for opinion in opinions:
        officer = officers[opinion.municipality_id]
        if opinion.state in (O.DRAFTED, O.AWAITING_COUNCIL, O.ISSUED):
            log(opinion_ct, opinion.pk, O.REQUESTED, O.DRAFTED, OT.DRAFT, officer)
        if opinion.state == O.AWAITING_COUNCIL:
            log(opinion_ct, opinion.pk, O.DRAFTED, O.AWAITING_COUNCIL, OT.SEND_TO_COUNCIL, officer)
        if opinion.state == O.ISSUED:
            log(opinion_ct, opinion.pk, O.DRAFTED, O.ISSUED, OT.ISSUE, officer)
        if opinion.state == O.CANCELLED:
            log(opinion_ct, opinion.pk, O.REQUESTED, O.CANCELLED, OT.CANCEL, None)
    _bulk(RegionalDecision, decisions)
    _bulk(StateLog, logs)
    _bulk(Notification, notices)
    # The version counts the plan's changes (one UPDATE, set-based, via a VALUES list).
    with connection.cursor() as cursor:
        items = list(versions.items())
        for start in range(0, len(items), BATCH):
            chunk = items[start : start + BATCH]
            cursor.execute(
                f"UPDATE {DevelopmentPlan._meta.db_table} AS p SET version = v.version "
                f"FROM (VALUES {', '.join(['(%s, %s)'] * len(chunk))}) AS v(id, version) "
                "WHERE p.id = v.id",
                [x for pair in chunk for x in pair],
            )

    # --- the network register with its capacity history --------------------------------------
    included = sorted(
        (p for p in plan_rows if p.state in INCLUDED_STATES),
        key=lambda p: (p.call.period_id, p.service_id, p.pk),
    )
    entries: dict[tuple[int, int], NetworkEntry] = {}
    history: list[tuple[tuple[int, int], DevelopmentPlan, Decimal, Decimal]] = []
    for plan in included:
        key = (plan.service_id, plan.call.period_id)
        before = entries[key].capacity if key in entries else Decimal(0)
        after = plan.capacity_requested or Decimal(0)
        if key not in entries:
            entries[key] = NetworkEntry(
                service_id=plan.service_id,
                period_id=plan.call.period_id,
                form=plan.service.form,
                unit=plan.capacity_unit,
                capacity=after,
                status=plan.state,
                conditions="Podmínka: doložit personální zajištění."
                if plan.state == S.INCLUDED_WITH_CONDITIONS
                else "",
            )
        else:
            entries[key].capacity = after
        history.append((key, plan, before, after))
    entry_rows = _bulk(NetworkEntry, list(entries.values()))
    NetworkEntry.objects.refresh_sort_keys()  # bulk_create skips the model's save
    _through(
        NetworkEntry.orps,
        [(e.pk, service_orp[e.service_id].pk) for e in entry_rows],
        "networkentry_id",
        "orp_id",
    )
    _bulk(
        CapacityChange,
        [
            CapacityChange(
                entry=entries[key],
                plan=plan,
                capacity_before=before,
                capacity_after=after,
                unit=plan.capacity_unit,
                reason=f"Rozhodnutí {plan.pk}",
                recorded_by=kraj,
            )
            for key, plan, before, after in history
        ],
    )
    concerns = plan_concerns_refresh()  # bulk_create sends no signals
    result = Seeded(seconds=time.monotonic() - started)
    result.counts = {
        "providers": len(provider_rows),
        "services": len(service_rows),
        "calls": len(calls),
        "plans": len(plan_rows),
        "opinions": len(opinions),
        "resolutions": len(resolutions),
        "decisions": len(decisions),
        "state_logs": len(logs),
        "notifications": len(notices),
        "register_entries": len(entry_rows),
        "capacity_changes": len(history),
        "plan_concerns": concerns,
    }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=100_000)
    parser.add_argument("--providers", type=int, default=2_000)
    parser.add_argument("--services", type=int, default=6_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with transaction.atomic():
        result = seed(
            plans=args.plans,
            providers=args.providers,
            services=args.services,
            seed_value=args.seed,
        )
    if connection.vendor == "postgresql":
        # Fresh statistics and visibility map, as autovacuum would leave them in production.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
    print(f"seeded in {result.seconds:.1f} s: {counts}")


if __name__ == "__main__":
    main()
