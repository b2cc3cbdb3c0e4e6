"""Drive a row of the mix with wrk (Debian's `wrk`, `bench/mix.lua`) and measure wrk itself.

wrk, gunicorn and PostgreSQL share the cores, so the CPU the generator spends per request
is printed next to every row: a heavier generator (the bench's own asyncio client spends
about four times wrk's per request) takes cores from the server and flatters a ratio of two
rows measured with it, as the baseline costs it as much per request as the endpoint.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

LUA = Path(__file__).with_name("mix.lua")


def available() -> bool:
    return shutil.which("wrk") is not None


def drive(
    url: str, name: str, requests: Path, clients: int, seconds: float, offset: int = 0
) -> dict[str, Any]:
    """`clients` keep-alive connections replaying the file `requests` for `seconds` from line
    `offset` on, for at least a second (wrk's unit); one thread (a second one would take a core from the server)."""
    command = [
        "wrk",
        "-t1",
        f"-c{clients}",
        f"-d{max(1, round(seconds))}s",  # wrk counts whole seconds
        "--timeout",
        "30s",
        "-s",
        str(LUA),
        url,
        "--",
        str(requests),
        str(offset),
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"wrk failed ({process.returncode}): {' '.join(command)}\n{output}")
    report = json.loads(output.strip().splitlines()[-1])
    wall = time.perf_counter() - started
    count = report["requests"]
    seconds_run = report["duration_us"] / 1e6 or wall
    return {
        "name": name,
        "clients": clients,
        "requests": count,
        "rps": round(count / seconds_run, 1),
        "p50_ms": round(report["p50_us"] / 1000, 1),
        "p95_ms": round(report["p95_us"] / 1000, 1),
        "p99_ms": round(report["p99_us"] / 1000, 1),
        "statuses": {"200": count - report["not_200"], "other": report["not_200"]}
        if report["not_200"]
        else {"200": count},
        "socket_errors": report["socket_errors"],
        "generator_cpu_ms": round((usage.ru_utime + usage.ru_stime) * 1000 / max(count, 1), 3),
        "kb_per_response": round(report["bytes"] / 1024 / max(count, 1), 1),
        "sketch_us": report["sketch_us"],
    }


def percentile(sketches: list[tuple[int, list[int]]], q: float) -> float:
    """The latency (µs) at or below which at least `q` % of all the slices' requests fall.

    Each slice is its request count and its sketch: the latencies wrk found at evenly spaced
    ranks (bench/mix.lua), every one of them when the slice had at most that many requests;
    each point then stands for `requests / len(sketch)` requests."""
    points = sorted(
        (value, requests / len(sketch))
        for requests, sketch in sketches
        if sketch
        for value in sketch
    )
    if not points:
        return 0.0
    wanted = q / 100 * sum(weight for _, weight in points)
    seen = 0.0
    for value, weight in points:
        seen += weight
        # a hair of slack: the weights are fractions, and their sum must still reach a rank
        if seen >= wanted * (1 - 1e-9):
            return value
    return points[-1][0]


def combine(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One row out of several slices of it: throughput over all and the percentiles of all
    their requests together, from each slice's sketch of latencies (`percentile`)."""
    first = parts[0]
    count = sum(p["requests"] for p in parts)
    seconds = sum(p["requests"] / p["rps"] for p in parts if p["rps"])
    statuses: dict[str, int] = {}
    for p in parts:
        for k, v in p["statuses"].items():
            statuses[k] = statuses.get(k, 0) + v
    sketches = [(p["requests"], p["sketch_us"]) for p in parts]
    row = {k: v for k, v in first.items() if k != "sketch_us"}
    return {
        **row,
        "requests": count,
        "rps": round(count / seconds, 1) if seconds else 0.0,
        **{f"p{q}_ms": round(percentile(sketches, q) / 1000, 1) for q in (50, 95, 99)},
        "statuses": statuses,
        "socket_errors": sum(p["socket_errors"] for p in parts),
        "generator_cpu_ms": round(
            sum(p["generator_cpu_ms"] * p["requests"] for p in parts) / max(count, 1), 3
        ),
    }
