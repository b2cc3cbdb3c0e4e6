"""One head-to-head trial: the transitions at 20 clients against a running gunicorn, with the
CPU time gunicorn and PostgreSQL spent on each (from /proc, the process trees of the
gunicorn master and the postmaster), as one JSON line.

    DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python -m bench.compare trial \
        --url http://127.0.0.1:8044 --gunicorn-pid 1234 --postgres-pid 1200 --label HEAD
    DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python -m bench.compare reads \
        --url http://127.0.0.1:8044 --gunicorn-pid 1234 --postgres-pid 1200 --label HEAD
    .venv/bin/python -m bench.compare table var/bench/compare.jsonl

`bench/compare.sh` runs the trials, each revision's gunicorn on a fresh copy of one seeded
database, alternately: on shared cores whose speed drifts by ±10 % over minutes, two
revisions compare only side by side (bench/README.md).
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django

if __name__ == "__main__":
    django.setup()

from bench.cpu import CpuSpent
from bench.load import Call, drive, read_targets, transitions_run

# The reads whose every request computes its answer, in any revision: the plans list with a
# parameter the filters ignore, new on every request (a revision with the response cache of
# before issue 23 misses it), and the detail of a different plan each time.
READS = ("plans list, a new URL each time", "plan detail")
READ_CLIENTS = 10
READ_WARM_UP = 30


def trial(
    url: str, gunicorn_pid: int, postgres_pid: int, per_kind: int, label: str
) -> dict[str, Any]:
    spent = CpuSpent(gunicorn_pid, postgres_pid)
    summary, _warm_up = transitions_run(url, per_kind, spent)
    return {**summary, "label": label, **spent.per_request_ms(summary["requests"])}


def _first(count: int, next_call: Callable[[int], Call]) -> Callable[[int], Call | None]:
    """The first `count` requests of `next_call`, then None (the clients stop)."""
    left = iter(range(count))
    return lambda index: next_call(index) if next(left, None) is not None else None


def reads(
    url: str, gunicorn_pid: int, postgres_pid: int, requests: int, label: str
) -> list[dict[str, Any]]:
    """`requests` of each of `READS` at 10 clients after `READ_WARM_UP` unmeasured, with the
    CPU time the servers spent on the measured ones: one row each, labelled "label: read"."""
    targets, rows = read_targets(), []
    for name in READS:
        drive(url, "warm-up", READ_CLIENTS, _first(READ_WARM_UP, targets[name]), 3600)
        with CpuSpent(gunicorn_pid, postgres_pid) as spent:
            result = drive(url, name, READ_CLIENTS, _first(requests, targets[name]), 3600)
        summary = result.summary()
        summary["errors"] = sum(v for k, v in result.statuses.items() if k != 200)
        rows.append(
            {**summary, "label": f"{label}: {name}", **spent.per_request_ms(summary["requests"])}
        )
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    """Each trial, then the median of each label's trials."""
    lines = [
        "| revision | transitions | req/s | p50 ms | p95 ms | gunicorn CPU ms | PostgreSQL CPU ms"
        " | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    columns = ("rps", "p50_ms", "p95_ms", "gunicorn_cpu_ms", "postgres_cpu_ms")
    for row in rows:
        values = " | ".join(str(row[column]) for column in columns)
        lines.append(f"| {row['label']} | {row['requests']} | {values} | {row['errors']} |")
    for label in dict.fromkeys(row["label"] for row in rows):
        mine = [row for row in rows if row["label"] == label]
        medians = " | ".join(
            f"{statistics.median(row[column] for row in mine):.1f}" for column in columns
        )
        errors = sum(row["errors"] for row in mine)
        lines.append(f"| **{label}, median of {len(mine)}** | | {medians} | {errors} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("trial")
    run.add_argument("--url", required=True)
    run.add_argument("--gunicorn-pid", type=int, required=True, help="the master")
    run.add_argument("--postgres-pid", type=int, required=True, help="the postmaster")
    run.add_argument("--transitions", type=int, default=300, help="of each kind")
    run.add_argument("--label", required=True)
    read = commands.add_parser("reads")
    read.add_argument("--url", required=True)
    read.add_argument("--gunicorn-pid", type=int, required=True, help="the master")
    read.add_argument("--postgres-pid", type=int, required=True, help="the postmaster")
    read.add_argument("--requests", type=int, default=300, help="of each read")
    read.add_argument("--label", required=True)
    show = commands.add_parser("table")
    show.add_argument("results", type=Path, help="one JSON line per trial")
    args = parser.parse_args()
    if args.command == "trial":
        print(
            json.dumps(
                trial(
                    args.url,
                    args.gunicorn_pid,
                    args.postgres_pid,
                    args.transitions,
                    args.label,
                )
            )
        )
    elif args.command == "reads":
        for row in reads(args.url, args.gunicorn_pid, args.postgres_pid, args.requests, args.label):
            print(json.dumps(row))
    else:
        rows = [json.loads(line) for line in args.results.read_text().splitlines() if line]
        print(table(rows))
        if any(row["errors"] or not row["requests"] for row in rows):
            raise SystemExit("a trial had errors or no transitions")


if __name__ == "__main__":
    main()
