"""The worker's health check in docker-compose ends a worker that stopped answering — even
one that ignores SIGTERM — at the third failure in a row, and no sooner."""

import subprocess
import sys
from pathlib import Path

from backend.config.worker_liveness import check


def test_a_silent_worker_is_ended_at_the_third_failure_in_a_row(tmp_path: Path) -> None:
    # A hung "worker": it ignores SIGTERM, as one stuck in a call would not act on it.
    ignore_term = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN)"
    hung = subprocess.Popen(
        [sys.executable, "-c", f"{ignore_term}; print('ready', flush=True); time.sleep(120)"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert hung.stdout is not None and hung.stdout.readline() == "ready\n"
    pidfile, counter = tmp_path / "worker.pid", tmp_path / "failures"
    pidfile.write_text(f"{hung.pid}\n")
    args = {"failures": 3, "grace": 1.0, "pidfile": pidfile, "counter": counter}
    try:
        assert check(lambda: False, **args) is False
        assert check(lambda: True, **args) is True  # answered: the count starts again
        assert check(lambda: False, **args) is False
        assert check(lambda: False, **args) is False
        assert hung.poll() is None  # two in a row: still running
        assert check(lambda: False, **args) is False
        assert hung.wait(timeout=10) == -9  # the third: SIGKILL after the grace time
        assert not counter.exists()
    finally:
        hung.kill()
        hung.wait()
