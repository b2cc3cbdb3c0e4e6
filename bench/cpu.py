"""What the server's processes spend, from /proc: the CPU time of the process trees of the
gunicorn master and the postmaster, including the children that have ended (bench/compare.py
and the transitions of bench/load.py), and the resident memory of a process and its children
(bench/soak.py)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


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
    for child in _children_stats(root).values():
        ticks += int(child[11]) + int(child[12])
    return ticks / TICKS


def _all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _children_stats(root: int) -> dict[int, list[str]]:
    stats = {pid: _stat(pid) for pid in _all_pids()}
    return {pid: s for pid, s in stats.items() if s is not None and int(s[1]) == root}


def children_rss_mb(root: int) -> dict[int, float]:
    """The resident memory (MB) of each running child of a process, by pid."""
    return {pid: int(s[21]) * PAGE / 1e6 for pid, s in _children_stats(root).items()}


def rss_mb(pid: int) -> float:
    """The resident memory (MB) of one process; 0 once it has ended."""
    fields = _stat(pid)
    return int(fields[21]) * PAGE / 1e6 if fields else 0.0


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
