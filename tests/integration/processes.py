"""Real Redis servers and Celery worker and beat processes for the integration tests."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def wait_for(check: Callable[[], Any], *, timeout: float, what: str, every: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Process:
    """A child in its own process group, its output in a log file."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log: Path) -> None:
        self.name, self.command, self.env, self.log = name, command, env, log
        self.popen: subprocess.Popen[bytes] | None = None

    def start(self, *, ready: str | None = None, timeout: float = 60) -> "Process":
        with self.log.open("ab") as out:
            self.popen = subprocess.Popen(
                self.command,
                env=self.env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        if ready:
            wait_for(
                lambda: ready in self.output() or self.popen.poll() is not None,  # type: ignore[union-attr]  # started just above
                timeout=timeout,
                what=f"{self.name}: {ready!r}",
            )
            assert self.popen.poll() is None, f"{self.name} exited:\n{self.output()[-3000:]}"
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self) -> None:
        """SIGKILL the whole group: no cleanup, no acknowledgement, as in a crash."""
        self._signal(signal.SIGKILL)

    def stop(self) -> None:
        self._signal(signal.SIGTERM)

    def _signal(self, sig: int) -> None:
        if self.popen is None or self.popen.poll() is not None:
            return
        try:
            os.killpg(self.popen.pid, sig)
        except ProcessLookupError:
            return
        try:
            self.popen.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=10)


def redis_server(port: int, workdir: Path, *, persistent: bool = False) -> Process:
    """A Redis on `port`; `persistent` keeps its data over a restart (an append-only file in
    `workdir`, as docker-compose's Redis does)."""
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    command = [
        binary,
        "--bind", "127.0.0.1",
        "--port", str(port),
        "--save", "",
        "--appendonly", "yes" if persistent else "no",
        "--dir", str(workdir),
    ]  # fmt: skip
    return Process(f"redis:{port}", command, dict(os.environ), workdir / f"redis-{port}.log")


def celery(kind: str, env: dict[str, str], log: Path, *extra: str) -> Process:
    command = [sys.executable, "-m", "celery", "-A", "backend.config", kind, "--loglevel", "INFO"]
    return Process(f"celery {kind}", [*command, *extra], env, log)


def worker(env: dict[str, str], log: Path, concurrency: int | None = 2) -> Process:
    """A prefork worker; `concurrency=None` takes the settings' (CELERY_WORKER_CONCURRENCY),
    as docker-compose's worker does."""
    size = ["--concurrency", str(concurrency)] if concurrency else []
    return celery(
        "worker",
        env,
        log,
        "--pool", "prefork",
        *size,
        "--without-gossip",
        "--without-mingle",
        "--hostname", f"test-{time.monotonic_ns()}@%h",
    )  # fmt: skip


def beat(env: dict[str, str], log: Path) -> Process:
    return celery("beat", env, log, "--schedule", str(log.parent / "beat-schedule"))
