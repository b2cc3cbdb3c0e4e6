"""Benchmark of the deadline sweeps over 100 000 open plans (see bench/README.md).

    .venv/bin/python bench/sweeps.py                      # SQLite in a temp directory
    .venv/bin/python bench/sweeps.py --database-url postgres://postgres@127.0.0.1:5433/bench

Migrates a fresh database, bulk-inserts open plans in every open state with their opinions
and the people to tell (deadlines spread over the coming months, a few already passed),
then times each sweep twice: the first run does the day's work (capped), the second finds
nothing to do — the cost of a sweep on an ordinary day.
"""

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(database_url: str | None) -> None:
    var = Path(tempfile.mkdtemp(prefix="zsss-bench-sweeps-"))
    os.environ["VAR_DIR"] = str(var)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{var / 'bench.sqlite3'}"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _seed(plans: int, rng: random.Random) -> dict[str, int]:
    from django.db import transaction
    from django.utils import timezone

    from backend.accounts.models import Membership, Role, User
    from backend.calls.models import Call, NetworkPeriod
    from backend.core.deadlines import end_of_day
    from backend.machines.call_lifecycle.states import CallState
    from backend.machines.opinion_review.states import OpinionState
    from backend.machines.plan_review.kinds import PlanKind
    from backend.machines.plan_review.states import PlanState
    from backend.plans.concerns import plan_concerns_refresh
    from backend.plans.models import DevelopmentPlan, MunicipalOpinion
    from backend.registry.choices import LegalForm, ServiceForm
    from backend.registry.models import Orp, Provider, Region, ServiceType, SocialService
    from backend.registry.validators import ico_check_digit

    today, now = timezone.localdate(), timezone.now()
    region = Region.objects.get(code="CZ051")
    seats = [orp.seat for orp in Orp.objects.select_related("seat") if orp.seat]
    sheltered = ServiceType.objects.get(paragraph="51")
    with transaction.atomic():
        period = NetworkPeriod.objects.create(start_year=today.year + 1, end_year=today.year + 3)
        calls = Call.objects.bulk_create(
            Call(
                region=region,
                period=period,
                name=f"Bench call {n}",
                opens_at=now - dt.timedelta(days=30),
                closes_at=end_of_day(today + dt.timedelta(days=2 * n)),
                opinion_deadline_days=15,
                council_deadline_days=10,
                decision_date_days=20,
                state=CallState.OPEN,
            )
            for n in range(1, 31)
        )
        providers = Provider.objects.bulk_create(
            Provider(
                name=f"Bench provider {n}",
                ico=f"{2_000_000 + n:07d}" + str(ico_check_digit(f"{2_000_000 + n:07d}")),
                legal_form=LegalForm.ASSOCIATION,
                address="Liberec",
            )
            for n in range(2000)
        )
        services = SocialService.objects.bulk_create(
            SocialService(
                provider=provider,
                name=f"Bench service {provider.pk}",
                registration_number=f"{7_000_000 + provider.pk}",
                service_type=sheltered,
                form=ServiceForm.RESIDENTIAL,
                capacity_unit=sheltered.unit_for_form(ServiceForm.RESIDENTIAL),
            )
            for provider in providers
        )
        users = User.objects.bulk_create(
            User(username=f"bench{n}", email=f"bench{n}@bench.example") for n in range(2000 + 21)
        )
        memberships = [
            Membership(user=users[n], role=Role.PROVIDER_USER, provider=providers[n])
            for n in range(2000)
        ]
        for n, seat in enumerate(seats):
            memberships.append(
                Membership(user=users[2000 + 2 * n], role=Role.MUNICIPAL_OFFICER, municipality=seat)
            )
            memberships.append(
                Membership(user=users[2001 + 2 * n], role=Role.COUNCIL_SECRETARY, municipality=seat)
            )
        memberships.append(Membership(user=users[-1], role=Role.REGIONAL_OFFICER, region=region))
        Membership.objects.bulk_create(memberships)

        def day(low: int, high: int) -> dt.date:
            return today + dt.timedelta(days=rng.randint(low, high))

        states = [
            (PlanState.DRAFT, 0.20),
            (PlanState.AWAITING_OPINION, 0.35),
            (PlanState.AWAITING_COUNCIL, 0.10),
            (PlanState.AWAITING_DECISION, 0.20),
            (PlanState.RETURNED, 0.15),
        ]
        rows = []
        for n in range(plans):
            state = rng.choices([s for s, _ in states], [w for _, w in states])[0]
            service = services[n % len(services)]
            rows.append(
                DevelopmentPlan(
                    call=calls[n % len(calls)],
                    provider_id=service.provider_id,
                    service=service,
                    kind=PlanKind.CAPACITY_INCREASE,
                    capacity_current=3,
                    capacity_requested=5,
                    capacity_unit=service.capacity_unit,
                    justification="Bench.",
                    state=state,
                    submitted_at=None if state == PlanState.DRAFT else now,
                    completion_due=day(-1, 120) if state == PlanState.RETURNED else None,
                    returned_at=now if state == PlanState.RETURNED else None,
                )
            )
        created = DevelopmentPlan.objects.bulk_create(rows, batch_size=5000)
        opinions = []
        for plan in created:
            if plan.state in (PlanState.AWAITING_OPINION, PlanState.RETURNED):
                state = rng.choice([OpinionState.REQUESTED, OpinionState.DRAFTED])
                council_due = None
            elif plan.state == PlanState.AWAITING_COUNCIL:
                state, council_due = OpinionState.AWAITING_COUNCIL, day(-1, 90)
            else:
                continue
            opinions.append(
                MunicipalOpinion(
                    plan=plan,
                    municipality=seats[plan.pk % len(seats)],
                    state=state,
                    due_date=day(-1, 90),
                    council_due=council_due,
                )
            )
        MunicipalOpinion.objects.bulk_create(opinions, batch_size=5000)
        plan_concerns_refresh(plan_ids=[plan.pk for plan in created])  # no signals in bulk
    return {"plans": len(created), "opinions": len(opinions), "calls": len(calls)}


def _timed(what: str, run: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - started
    print(f"{what:<44} {elapsed:8.2f} s   {result}")
    return elapsed, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=100_000)
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temp dir")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    _setup(args.database_url)

    from django.db import connection
    from django.utils import timezone

    from backend.core.enqueue import inline_delivery
    from notifications.models import Notification
    from notifications.outbox import outbox_drain
    from notifications.reminders import reminders_create
    from notifications.runs import deadlines_sweep
    from workflows.call_lifecycle.deadlines import calls_sweep
    from workflows.opinion_review.deadlines import opinions_expire_sweep
    from workflows.plan_review.deadlines import plans_lapse_sweep

    print(f"database: {connection.vendor}")
    _timed("seed (bulk insert)", lambda: _seed(args.plans, random.Random(args.seed)))
    if connection.vendor == "postgresql":  # fresh statistics, as after any bulk load
        with connection.cursor() as cursor:
            _timed("ANALYZE", lambda: cursor.execute("ANALYZE"))
    today = timezone.localdate()
    with inline_delivery():  # e-mails are the workers' business, not the sweep's
        _timed("calls sweep, 1st run", calls_sweep)
        # The deadline sweep's three parts, timed one by one on the day's work:
        _timed(
            "  lapse overdue returned plans",
            lambda: plans_lapse_sweep(today=today),
        )
        _timed(
            "  record overdue opinions as not given",
            lambda: opinions_expire_sweep(today=today),
        )
        _timed("  make the day's reminders", lambda: reminders_create(today=today))
        _timed("deadlines sweep, 2nd run (nothing new)", deadlines_sweep)
        _timed("deadlines sweep, 3rd run (nothing new)", deadlines_sweep)
        _timed("calls sweep, 2nd run", calls_sweep)
        _timed("outbox drain (notices of the 1st run)", outbox_drain)
        _timed("outbox drain, 2nd run", outbox_drain)
    print(f"notifications in the database: {Notification.objects.count()}")


if __name__ == "__main__":
    main()
