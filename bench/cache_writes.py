"""Does the API's response cache pay under the read mix with writes? (issue 23)

    DATABASE_URL=postgres://… DJANGO_SETTINGS_MODULE=bench.settings \\
        .venv/bin/python -m bench.cache_writes --on http://127.0.0.1:8061 --off http://127.0.0.1:8062

Two gunicorns of the same code on the same seeded database, one with the cache
(`VERSIONED_CACHE_SECONDS` 60) and one without (0), answer the same requests by wrk, in
turn, round after round: the whole read mix of `bench/mix.py` (its rows interleaved, API and
pages, as users send them) and the API rows alone (the only ones the cache serves). Meanwhile
this process raises the data version at a fixed rate, which is what every committed write to
a versioned model does and all the cache sees of a write (`backend/core/dataversion.py`).
Prints one JSON line per measurement and a table: the throughput with the cache over the
throughput without, per write rate.
"""

from __future__ import annotations

import argparse
import itertools
import json
import threading
from pathlib import Path
from typing import Any

import django

if __name__ == "__main__":
    django.setup()


def interleaved(files: list[Path], out: Path) -> Path:
    """The rows' requests in turn, one line of each row after the other."""
    rows = [path.read_text().splitlines() for path in files]
    lines = [line for group in itertools.zip_longest(*rows) for line in group if line]
    out.write_text("\n".join(lines) + "\n")
    return out


class Writer(threading.Thread):
    """Raises the domain's data version `per_second` times a second until stopped."""

    def __init__(self, per_second: float) -> None:
        super().__init__(daemon=True)
        self.per_second, self.stopped, self.writes = per_second, threading.Event(), 0

    def run(self) -> None:
        from django.db import connection

        from backend.core.dataversion import data_version_raise

        if not self.per_second:
            return
        while not self.stopped.wait(1 / self.per_second):
            data_version_raise()  # outside a transaction: at once
            self.writes += 1
        connection.close()


def measure(
    url: str, name: str, requests: Path, clients: int, seconds: float, rate: float, offset: int
) -> dict[str, Any]:
    from bench import wrk

    writer = Writer(rate)
    writer.start()
    try:
        row = wrk.drive(url, name, requests, clients, seconds, offset)
    finally:
        writer.stopped.set()
        writer.join()
    row["writes_per_second"] = rate
    row["writes"] = writer.writes
    return row


def main() -> None:
    from bench import mix

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--on", required=True, help="the gunicorn with the cache")
    parser.add_argument("--off", required=True, help="the gunicorn without it")
    parser.add_argument("--rates", type=float, nargs="+", default=[0, 0.1, 1])
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("var/bench/cache-writes"))
    args = parser.parse_args()

    files = mix.write_mix(args.out)
    api = [path for name, path in files.items() if "(API)" in name]
    mixes = {
        "whole mix": interleaved(list(files.values()), args.out / "whole.tsv"),
        "API rows": interleaved(api, args.out / "api.tsv"),
    }
    offset = itertools.count(0, 997)
    results: dict[tuple[str, float, str], list[float]] = {}
    for round_ in range(args.rounds):
        for name, requests in mixes.items():
            for rate in args.rates:
                for cache, url in (("on", args.on), ("off", args.off)):
                    start = next(offset)
                    if round_ == 0 and rate == args.rates[0]:
                        measure(url, name, requests, args.clients, 2, 0, start)  # warm-up
                    row = measure(url, name, requests, args.clients, args.seconds, rate, start)
                    row.update(cache=cache, round=round_)
                    print(json.dumps(row), flush=True)
                    results.setdefault((name, rate, cache), []).append(row["rps"])

    print("\n| requests | writes/s | cache on (req/s) | cache off (req/s) | on / off |")
    print("| --- | --- | --- | --- | --- |")
    for name in mixes:
        for rate in args.rates:
            on, off = (sum(results[name, rate, c]) / args.rounds for c in ("on", "off"))
            print(f"| {name} | {rate:g} | {on:.1f} | {off:.1f} | {on / off:.2f} |")


if __name__ == "__main__":
    main()
