"""CPU time the server's processes spend, from /proc: the process trees of the gunicorn
master and the postmaster, including the children that have ended (bench/compare.py and the
transitions of bench/load.py)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return text.rsplit(")", 1)[1].split()  # the fields after the command's name


def tree_cpu_seconds(root: int) -> float:
    """User and system CPU time of a process and its children: those running and those it
    has already waited for (a PostgreSQL backend per connection when a revision does not
    keep its connections, a gunicorn worker restarted)."""
    fields = _stat(root)
    if fields is None:
        return 0.0
    ticks = sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    for pid in _all_pids():
        child = _stat(pid)
        if child is not None and int(child[1]) == root:
            ticks += int(child[11]) + int(child[12])
    return ticks / TICKS


def _all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


@dataclass
class CpuSpent:
    """The CPU seconds gunicorn's and PostgreSQL's process trees spent inside the block."""

    gunicorn_pid: int
    postgres_pid: int
    web: float = 0.0
    db: float = 0.0

    def __enter__(self) -> CpuSpent:
        self.web = -tree_cpu_seconds(self.gunicorn_pid)
        self.db = -tree_cpu_seconds(self.postgres_pid)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.web += tree_cpu_seconds(self.gunicorn_pid)
        self.db += tree_cpu_seconds(self.postgres_pid)

    def per_request_ms(self, requests: int) -> dict[str, float]:
        """The CPU milliseconds of each tree per request."""
        count = max(requests, 1)
        return {
            "gunicorn_cpu_ms": round(self.web / count * 1000, 1),
            "postgres_cpu_ms": round(self.db / count * 1000, 1),
        }
