"""A bounded soak: every role's reads and workflow writes at a steady rate for a while, with
the Celery worker and beat running and the demo clock advancing; then the verdict.

    DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python -m bench.soak \
        --url http://127.0.0.1:8046 --seconds 600 --rate 4 --gunicorn-pid P --worker-pid W \
        --mail-dir VAR_DIR/mail --out var/bench/soak.json

bench/soak.sh starts everything this needs (see bench/README.md, "Soak"). The traffic is an
open loop: `rate` visits a second, each a role's step (a list read, a detail, a page, an
export, or a write that first reads the list it acts on, as a person does), drawn at random
by weight (`VISITS`) from a fixed seed and sent over `clients` keep-alive connections of
bench/load.py's client. It fails (exit 1) on any 5xx or request without an answer, on memory
growth over the bound, or on a notice or e-mail not delivered exactly once.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import random
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import django

if __name__ == "__main__":
    django.setup()

from bench.load import (
    DASHBOARD,
    Call,
    Connection,
    answer,
    api_token,
    percentile,
    provider_owners,
    session_cookie,
)
from bench.soak_watch import MemorySamples, delivery_check, first_new_ids, settle

SEED = 17
PAGE = 20  # the list a write picks its object from


@dataclass
class Cast:
    """Everyone taking part, signed in before the load (tokens and sessions need the ORM,
    which is not used inside the event loop): the regional officer, the officer and the
    council secretary of each ORP seat, the providers with their services in the open call."""

    kraj: str
    kraj_cookie: str
    officers: list[tuple[str, int]]  # (token, municipality id)
    secretaries: list[tuple[str, int]]
    providers: dict[int, str]  # provider id → token
    provider_cookies: list[str]
    services: dict[int, list[tuple[int, str]]]  # provider id → (service id, its ORP code)
    plans: dict[int, list[int]]  # provider id → plan ids (grows with each created plan)
    region_plans: list[int]
    open_call: int

    @classmethod
    def gather(cls, rng: random.Random) -> Cast:
        from backend.accounts.models import Membership
        from backend.calls.models import Call as CallModel
        from backend.machines.call_lifecycle.states import CallState
        from backend.machines.plan_review.kinds import PlanKind
        from backend.machines.plan_review.states import ENDED_WITHOUT_INCLUSION_STATES
        from backend.network.models import NetworkEntry
        from backend.plans.models import DevelopmentPlan
        from backend.registry.models import SocialService

        owners = provider_owners()
        open_call = CallModel.objects.get(state=CallState.OPEN)
        # The services that may file an increase in the open call: none filed there yet (one
        # plan of a kind per service and call) and none in the register for its period (whose
        # capacity the plan would have to start from).
        taken = set(
            DevelopmentPlan.objects.filter(call=open_call, kind=PlanKind.CAPACITY_INCREASE)
            .exclude(state__in=ENDED_WITHOUT_INCLUSION_STATES)
            .values_list("service_id", flat=True)
        ) | set(
            NetworkEntry.objects.filter(period=open_call.period_id).values_list(
                "service_id", flat=True
            )
        )
        services: dict[int, list[tuple[int, str]]] = collections.defaultdict(list)
        for pk, provider, orp in SocialService.objects.values_list(
            "pk", "provider_id", "orps__code"
        ):
            if orp and pk not in taken:
                services[provider].append((pk, orp))
        plans: dict[int, list[int]] = collections.defaultdict(list)
        for pk, provider in DevelopmentPlan.objects.values_list("pk", "provider_id"):
            plans[provider].append(pk)
        staff = Membership.objects.filter(municipality__isnull=False).values_list(
            "user__username", "role", "municipality_id"
        )
        return cls(
            kraj=api_token("bench.kraj"),
            kraj_cookie=session_cookie("bench.kraj"),
            officers=[(api_token(u), m) for u, r, m in staff if r == "municipal_officer"],
            secretaries=[(api_token(u), m) for u, r, m in staff if r == "council_secretary"],
            providers={p: api_token(u) for p, u in owners.items() if services[p]},
            provider_cookies=[session_cookie(u) for u in rng.sample(sorted(owners.values()), 5)],
            services=dict(services),
            plans=dict(plans),
            region_plans=rng.sample(sorted(p for ps in plans.values() for p in ps), 1000),
            open_call=open_call.pk,
        )


@dataclass
class VisitStats:
    statuses: collections.Counter[int] = field(default_factory=collections.Counter)
    latencies_ms: list[float] = field(default_factory=list)
    visits: int = 0


class Soak:
    """The traffic: `VISITS` drawn by weight, each a coroutine over one connection."""

    def __init__(self, cast: Cast, rng: random.Random) -> None:
        self.cast, self.rng = cast, rng
        self.stats: dict[str, VisitStats] = collections.defaultdict(VisitStats)
        self.claimed: set[str] = set()  # objects a write is acting on or has acted on
        self.returned: collections.deque[tuple[int, int]] = collections.deque()  # (plan, provider)
        self.idle = 0  # writes that found nothing to act on
        self.late = 0  # visits that started over a second after their time (all clients busy)
        self.today = time.strftime("%Y-%m-%d")

    # --- sending ------------------------------------------------------------------------------

    async def send(self, conn: Connection, name: str, call: Call) -> tuple[int, Any]:
        """One request, counted under the visit's name; the JSON answer when there is one."""
        started = time.perf_counter()
        status, data = await answer(conn, call)
        stats = self.stats[name]
        stats.latencies_ms.append((time.perf_counter() - started) * 1000)
        stats.statuses[status] += 1
        if 200 <= status < 300 and data[:1] in (b"{", b"["):
            return status, json.loads(data)
        return status, None

    async def pick(self, conn: Connection, name: str, path: str, token: str) -> dict[str, Any]:
        """The first object of a list (`PAGE` long) that no other write has taken."""
        _, page = await self.send(conn, name, Call("GET", f"{path}&page_size={PAGE}", token))
        for row in (page or {}).get("results", []):
            key = f"{path.partition('?')[0]}{row['id']}"
            if key not in self.claimed:
                self.claimed.add(key)
                return row
        self.idle += 1
        return {}

    def provider(self) -> int:
        return self.rng.choice(sorted(self.cast.providers))

    async def read(self, conn: Connection, name: str, path: str, auth: str | None) -> None:
        """A GET as `auth`: a token, a session cookie or nobody."""
        cookie = auth if auth and auth.startswith("sessionid=") else None
        await self.send(conn, name, Call("GET", path, None if cookie else auth, cookie=cookie))

    # --- writes -------------------------------------------------------------------------------

    async def plan_create_submit(self, conn: Connection, name: str) -> None:
        provider = self.provider()
        free = self.cast.services[provider]
        if not free:
            self.idle += 1
            return
        # Each service files its increase once (a second would be refused: one a call).
        token, (service, orp) = (
            self.cast.providers[provider],
            free.pop(self.rng.randrange(len(free))),
        )
        body = {
            "call": self.cast.open_call,
            "service": service,
            "kind": "capacity_increase",
            "capacity_current": "10",
            "capacity_requested": str(11 + self.rng.randrange(5)),
            "orps": [orp],
            "justification": "Poptávka převyšuje kapacitu služby (soak).",
        }
        status, plan = await self.send(conn, name, Call("POST", "/api/v1/plans/", token, body))
        if status == 201 and plan:
            self.cast.plans.setdefault(provider, []).append(plan["id"])
            await self.send(
                conn, name, Call("POST", f"/api/v1/plans/{plan['id']}/submit/", token, {})
            )

    async def opinion_give(self, conn: Connection, name: str) -> None:
        token, municipality = self.rng.choice(self.cast.officers)
        mine = f"/api/v1/opinions/?state=requested&municipality={municipality}"
        opinion = await self.pick(conn, name, mine, token)
        if not opinion:
            return
        verdict = self.rng.choice(["supports", "supports", "does_not_support"])
        path = f"/api/v1/opinions/{opinion['id']}"
        _, drafted = await self.send(
            conn, name, Call("POST", f"{path}/draft/", token, {"verdict": verdict})
        )
        allowed = (drafted or {}).get("allowed_transitions", [])
        step = "issue" if "issue" in allowed else "send-to-council"
        if step in allowed:
            await self.send(conn, name, Call("POST", f"{path}/{step}/", token, {}))

    async def resolution_record(self, conn: Connection, name: str) -> None:
        token, municipality = self.rng.choice(self.cast.secretaries)
        mine = f"/api/v1/opinions/?state=awaiting_council&municipality={municipality}"
        opinion = await self.pick(conn, name, mine, token)
        if opinion:
            body = {
                "number": f"{opinion['id']}/2026",
                "meeting_date": self.today,
                "outcome": self.rng.choice(["approved", "approved", "rejected"]),
            }
            path = f"/api/v1/opinions/{opinion['id']}/record-resolution/"
            await self.send(conn, name, Call("POST", path, token, body))

    async def plan_decide(self, conn: Connection, name: str) -> None:
        plan = await self.pick(conn, name, "/api/v1/plans/?state=awaiting_decision", self.cast.kraj)
        if plan:
            body = {
                "outcome": self.rng.choice(["included", "included", "not_included"]),
                "body": "regional_council",
                "resolution_number": f"{plan['id']}/26/RK",
                "resolution_date": self.today,
            }
            path = f"/api/v1/plans/{plan['id']}/decide/"
            await self.send(conn, name, Call("POST", path, self.cast.kraj, body))

    async def plan_return(self, conn: Connection, name: str) -> None:
        plan = await self.pick(conn, name, "/api/v1/plans/?state=awaiting_decision", self.cast.kraj)
        if plan:
            body = {"reason": "Doplňte prosím doklad o potřebnosti (soak)."}
            path = f"/api/v1/plans/{plan['id']}/return-for-completion/"
            status, _ = await self.send(conn, name, Call("POST", path, self.cast.kraj, body))
            if status == 200:
                self.returned.append((plan["id"], plan["provider"]["id"]))

    async def plan_resubmit(self, conn: Connection, name: str) -> None:
        if not self.returned:
            self.idle += 1
            return
        plan, provider = self.returned.popleft()
        token = self.cast.providers[provider]
        await self.send(conn, name, Call("POST", f"/api/v1/plans/{plan}/resubmit/", token, {}))


# --- the mix ------------------------------------------------------------------------------------

Target = tuple[str, str | None]  # path, and who asks (a token, a session cookie, nobody)


def _own_plan(s: Soak) -> Target:
    provider = s.provider()
    return f"/api/v1/plans/{s.rng.choice(s.cast.plans[provider])}/", s.cast.providers[provider]


def _register_page(s: Soak) -> Target:
    return f"/api/v1/register/?page_size=50&page={s.rng.randint(1, 5)}", None


# (name, weight, what to read); the weights are the shares of the visits.
READS: list[tuple[str, float, Callable[[Soak], Target]]] = [
    ("public: register (API, pages 1–5)", 12, _register_page),
    ("public: register (page)", 4, lambda s: ("/register/", None)),
    ("public: register export (CSV)", 0.3, lambda s: ("/api/v1/register/export/csv/", None)),
    ("provider: plans", 8, lambda s: ("/api/v1/plans/", s.cast.providers[s.provider()])),
    ("provider: plan detail", 6, _own_plan),
    ("provider: inbox", 4, lambda s: ("/api/v1/me/inbox/", s.cast.providers[s.provider()])),
    ("provider: home (page)", 3, lambda s: ("/", s.rng.choice(s.cast.provider_cookies))),
    (
        "officer: opinions to give",
        5,
        lambda s: ("/api/v1/opinions/?state=requested", s.rng.choice(s.cast.officers)[0]),
    ),
    ("officer: inbox", 4, lambda s: ("/api/v1/me/inbox/", s.rng.choice(s.cast.officers)[0])),
    (
        "secretary: opinions awaiting council",
        3,
        lambda s: ("/api/v1/opinions/?state=awaiting_council", s.rng.choice(s.cast.secretaries)[0]),
    ),
    (
        "secretary: resolutions",
        2,
        lambda s: ("/api/v1/resolutions/", s.rng.choice(s.cast.secretaries)[0]),
    ),
    (
        "region: plans awaiting decision",
        6,
        lambda s: ("/api/v1/plans/?state=awaiting_decision&page_size=50", s.cast.kraj),
    ),
    (
        "region: plan detail",
        5,
        lambda s: (f"/api/v1/plans/{s.rng.choice(s.cast.region_plans)}/", s.cast.kraj),
    ),
    ("region: inbox", 4, lambda s: ("/api/v1/me/inbox/", s.cast.kraj)),
    ("region: capacity dashboard (page)", 1, lambda s: (DASHBOARD, s.cast.kraj_cookie)),
    (
        "region: plans export (CSV)",
        0.3,
        lambda s: ("/api/v1/plans/export/csv/?state=awaiting_decision", s.cast.kraj),
    ),
]
# (name, weight, the write): each first reads the list it acts on.
WRITES: list[tuple[str, float, Callable[[Soak, Connection, str], Awaitable[None]]]] = [
    ("provider: create and submit a plan", 5, Soak.plan_create_submit),
    ("officer: draft, then issue or send to council", 5, Soak.opinion_give),
    ("secretary: record a resolution", 2, Soak.resolution_record),
    ("region: decide", 4, Soak.plan_decide),
    ("region: return for completion", 1, Soak.plan_return),
    ("provider: resubmit a returned plan", 1, Soak.plan_resubmit),
]


def _visit(soak: Soak, name: str) -> Callable[[Connection], Awaitable[None]]:
    """The named visit, bound to the soak: a read's target is drawn now, a write's as it runs."""
    for read_name, _, target in READS:
        if read_name == name:
            path, auth = target(soak)
            return lambda conn: soak.read(conn, name, path, auth)
    write = next(w for n, _, w in WRITES if n == name)
    return lambda conn: write(soak, conn, name)


# --- the run ------------------------------------------------------------------------------------


async def _traffic(
    soak: Soak,
    url: str,
    *,
    seconds: float,
    rate: float,
    clients: int,
    memory: MemorySamples,
    sample_seconds: float,
) -> float:
    """`rate` visits a second for `seconds` over `clients` connections (open loop: a visit
    waits for a free connection when all are busy, and counts as late after a second);
    memory sampled every `sample_seconds`. Returns the seconds it took."""
    parts = urlsplit(url)
    pool: asyncio.Queue[Connection] = asyncio.Queue()
    for _ in range(clients):
        pool.put_nowait(Connection(parts.hostname or "127.0.0.1", parts.port or 80))
    names = [n for n, _, _ in READS + WRITES]
    weights = [w for _, w, _ in READS + WRITES]
    loop = asyncio.get_running_loop()
    began = loop.time()

    async def one(name: str, due: float) -> None:
        conn = await pool.get()
        try:
            soak.late += loop.time() - due > 1
            soak.stats[name].visits += 1
            await _visit(soak, name)(conn)
        finally:
            pool.put_nowait(conn)

    async def sampling() -> None:
        while True:
            memory.sample()
            await asyncio.sleep(sample_seconds)

    sampler = asyncio.create_task(sampling())
    running: set[asyncio.Task[None]] = set()
    for i in range(int(seconds * rate)):
        due = began + i / rate
        await asyncio.sleep(max(0.0, due - loop.time()))
        task = asyncio.create_task(one(soak.rng.choices(names, weights)[0], due))
        running.add(task)
        task.add_done_callback(running.discard)
    await asyncio.gather(*running)
    sampler.cancel()
    memory.sample()
    while not pool.empty():
        await pool.get_nowait().close()
    return loop.time() - began


async def _warm_up(soak: Soak, url: str) -> None:
    """Every visit once, one after another: the workers' imports, caches and first export
    are behind them before the memory is sampled."""
    parts = urlsplit(url)
    conn = Connection(parts.hostname or "127.0.0.1", parts.port or 80)
    for name, _, _ in READS + WRITES:
        soak.stats[name].visits += 1
        await _visit(soak, name)(conn)
    await conn.close()


def _clock(days: int, seconds: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bench.soak_watch",
            "clock",
            "--days",
            str(days),
            "--seconds",
            str(seconds),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


def _flat(value: Any, prefix: str = "") -> dict[str, float]:
    """The numbers in a job's result, by their path ("deadlines.lapsed")."""
    if isinstance(value, dict):
        return {
            k: v for key, item in value.items() for k, v in _flat(item, f"{prefix}{key}.").items()
        }
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {prefix.rstrip("."): value}
    return {}


def run(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(SEED)
    soak = Soak(Cast.gather(rng), rng)
    after = first_new_ids()
    asyncio.run(_warm_up(soak, args.url))
    # The worker's first tasks (its imports, the first PDF) are behind it too.
    settle(after, args.settle_seconds)
    warm_up, soak.stats = dict(soak.stats), collections.defaultdict(VisitStats)
    memory = MemorySamples(args.gunicorn_pid, args.worker_pid)
    clock = _clock(args.days, args.seconds)
    seconds = asyncio.run(
        _traffic(
            soak,
            args.url,
            seconds=args.seconds,
            rate=args.rate,
            clients=args.clients,
            memory=memory,
            sample_seconds=args.sample_seconds,
        )
    )
    clock_out, _ = clock.communicate()
    days = [json.loads(line) for line in clock_out.splitlines() if line.startswith("{")]
    clock_totals: collections.Counter[str] = collections.Counter()
    for day in days:
        clock_totals.update(_flat(day["results"]))
    settled = settle(after, args.settle_seconds)
    return {
        "seconds": round(seconds, 1),
        "rate": args.rate,
        "clients": args.clients,
        "late_visits": soak.late,
        "idle_writes": soak.idle,
        "visits": _visits_summary(soak.stats),
        "warm_up": _visits_summary(warm_up),
        "memory": {
            "bound_pct": args.memory_bound_pct,
            "gunicorn_workers": memory.growth("web_mb"),
            "celery_worker": memory.growth("worker_mb"),
            "celery_pool_processes": memory.pool_processes(),
            "samples": memory.rows,
        },
        "clock": {
            "days": len(days),
            "exit": clock.returncode,
            "slowest_day_seconds": round(max((d["seconds"] for d in days), default=0), 1),
            "totals": {k: v for k, v in sorted(clock_totals.items()) if v},
        },
        "settle": settled,
        "delivery": delivery_check(after, args.mail_dir),
    }


def _visits_summary(stats: dict[str, VisitStats]) -> dict[str, Any]:
    return {
        name: {
            "visits": s.visits,
            "requests": sum(s.statuses.values()),
            "statuses": {str(k): v for k, v in sorted(s.statuses.items())},
            "p50_ms": round(percentile(s.latencies_ms, 50), 1),
            "p95_ms": round(percentile(s.latencies_ms, 95), 1),
        }
        for name, s in stats.items()
    }


def status_classes(visits: dict[str, Any]) -> collections.Counter[str]:
    """Requests by status class; "no answer" is a request the server closed or never answered."""
    classes: collections.Counter[str] = collections.Counter()
    for v in visits.values():
        for status, n in v["statuses"].items():
            classes["no answer" if status == "0" else f"{status[0]}xx"] += n
            if status in ("409", "400", "403", "404"):
                classes[status] += n
    return classes


def failures(report: dict[str, Any]) -> list[str]:
    """What breaks the soak's promises."""
    out = []
    for phase in ("warm_up", "visits"):
        bad = {k: v for k, v in status_classes(report[phase]).items() if k in ("5xx", "no answer")}
        if bad:
            out.append(f"{phase}: {bad}")
    memory = report["memory"]
    for who in ("gunicorn_workers", "celery_worker"):
        if not memory[who]["growth_pct"] <= memory["bound_pct"]:
            out.append(f"{who} grew {memory[who]['growth_pct']} % (bound {memory['bound_pct']} %)")
    if report["clock"]["exit"]:
        out.append(f"demo clock exited {report['clock']['exit']}")
    settle_left = {k: v for k, v in report["settle"].items() if k != "seconds" and v}
    if settle_left:
        out.append(f"not delivered after {report['settle']['seconds']} s: {settle_left}")
    d = report["delivery"]
    for key in ("sent_without_file", "files_twice", "files_not_sent", "duplicated_notices"):
        if d[key]:
            out.append(f"delivery: {key} {d[key]}")
    if d["by_email_status"].get("failed"):
        out.append(f"delivery: {d['by_email_status']['failed']} e-mails failed")
    if not d["notifications"]:
        out.append("delivery: the soak made no notice at all")
    return out


def text(report: dict[str, Any]) -> str:
    """The report as printed and written to soak.txt."""
    visits = report["visits"]
    requests = sum(v["requests"] for v in visits.values())
    lines = [
        f"soak: {report['seconds']} s, {report['rate']} visits/s over {report['clients']} "
        f"connections: {sum(v['visits'] for v in visits.values())} visits, {requests} requests "
        f"({requests / report['seconds']:.1f}/s); {report['late_visits']} visits late by > 1 s, "
        f"{report['idle_writes']} writes found nothing to act on",
        "",
        "| visit | visits | requests | statuses | p50 ms | p95 ms |",
        "| --- | ---: | ---: | --- | ---: | ---: |",
        *(
            f"| {name} | {v['visits']} | {v['requests']} | "
            f"{', '.join(f'{k}: {n}' for k, n in v['statuses'].items())} | {v['p50_ms']} | "
            f"{v['p95_ms']} |"
            for name, v in sorted(visits.items())
        ),
        "",
        "requests by status: "
        + ", ".join(f"{k} {n}" for k, n in sorted(status_classes(visits).items())),
        "warm-up (every visit once): "
        + ", ".join(f"{k} {n}" for k, n in sorted(status_classes(report["warm_up"]).items())),
    ]
    memory = report["memory"]
    for who, label in (
        ("gunicorn_workers", "gunicorn workers (sum)"),
        ("celery_worker", "Celery workers (with their pools)"),
    ):
        m = memory[who]
        lines.append(
            f"memory, {label}: median of the first quarter {m['first_quarter_mb']} MB, of the "
            f"last {m['last_quarter_mb']} MB: {m['growth_mb']:+} MB ({m['growth_pct']:+} %, bound "
            f"{memory['bound_pct']} %); peak {m['peak_mb']} MB; {len(memory['samples'])} samples"
        )
    lines.append(f"Celery pool processes over the run: {memory['celery_pool_processes']}")
    clock = report["clock"]
    lines.append(
        f"demo clock: +{clock['days']} days (slowest day's jobs {clock['slowest_day_seconds']} s): "
        + ", ".join(f"{k} {v}" for k, v in clock["totals"].items())
    )
    d = report["delivery"]
    lines += [
        f"delivery (settled in {report['settle']['seconds']} s): {d['events']} events, "
        f"{d['notifications']} notices "
        f"({', '.join(f'{k} {n}' for k, n in d['by_kind'].items())})",
        f"e-mails: {', '.join(f'{k} {n}' for k, n in sorted(d['by_email_status'].items()))}; "
        f"{d['files']} files in the mail folder; sent without a file {d['sent_without_file']}, "
        f"Message-ID in two files {d['files_twice']}, files of no sent notice "
        f"{d['files_not_sent']}, notices twice {d['duplicated_notices']}",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8046")
    parser.add_argument("--seconds", type=float, default=600.0)
    parser.add_argument("--rate", type=float, default=4.0, help="visits a second")
    parser.add_argument("--clients", type=int, default=8, help="connections")
    parser.add_argument("--days", type=int, default=20, help="the demo clock's advance")
    parser.add_argument("--sample-seconds", type=float, default=5.0)
    # The demo clock compresses 20 days of a 20 000-plan region into minutes: the e-mails of
    # those days drain long after the traffic. Their drain time is a figure; the verdict is
    # on what was delivered, and how often.
    parser.add_argument("--settle-seconds", type=float, default=1800.0)
    parser.add_argument("--memory-bound-pct", type=float, default=15.0)
    parser.add_argument("--gunicorn-pid", type=int, required=True)
    parser.add_argument(
        "--worker-pid", type=int, action="append", required=True, help="each Celery worker"
    )
    parser.add_argument("--mail-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("var/bench/soak.json"))
    args = parser.parse_args()
    report = run(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, default=str))
    print(text(report))
    failed = failures(report)
    if failed:
        raise SystemExit("soak failed: " + "; ".join(failed))
    print("soak passed: no 5xx, memory within the bound, every notice and e-mail once")


if __name__ == "__main__":
    main()
