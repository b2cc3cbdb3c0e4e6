"""docker-compose's health check of the Celery worker that ends a worker which stopped
answering: `python -m backend.config.worker_liveness`.

Compose marks a container unhealthy but never restarts it for that. So the check pings the
worker (`worker@<hostname>`, over the broker) and counts the failures in a row in a file; at
the third (LIVENESS_FAILURES) it sends the worker (its pid in WORKER_PIDFILE) SIGTERM, and
SIGKILL after LIVENESS_GRACE_SECONDS. The worker's exit ends the container (`init: true`
makes the worker a child of docker's init, so SIGKILL reaches it) and the restart policy
(`restart: unless-stopped`) starts a fresh one. Exits 0 when the worker answered, 1 when not.
"""

import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

PIDFILE = Path(os.environ.get("WORKER_PIDFILE", "/tmp/celery-worker.pid"))
COUNTER = Path(os.environ.get("LIVENESS_COUNTER", "/tmp/celery-worker.failures"))


def ping(name: str, *, timeout: float = 10) -> bool:
    """True when the worker `name` answers a ping over the broker."""
    from backend.config.celery import app

    try:
        return bool(app.control.ping(destination=[name], timeout=timeout))
    except Exception as error:  # the broker unreachable: the ping failed
        print(f"ping {name}: {error!r}", file=sys.stderr)
        return False


def end(pid: int, *, grace: float) -> None:
    """SIGTERM (a warm shutdown), then SIGKILL when the worker is still there after `grace`."""
    try:
        os.kill(pid, signal.SIGTERM)
        until = time.monotonic() + grace
        while time.monotonic() < until:
            os.kill(pid, 0)
            time.sleep(0.5)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def check(
    answered: Callable[[], bool], *, failures: int, grace: float, pidfile: Path, counter: Path
) -> bool:
    """Ping once; end the worker at the `failures`-th failure in a row."""
    if answered():
        counter.unlink(missing_ok=True)
        return True
    count = int(counter.read_text() or 0) + 1 if counter.exists() else 1
    counter.write_text(str(count))
    if count >= failures and pidfile.exists():
        print(f"worker silent {count} times in a row: ending it", file=sys.stderr)
        counter.unlink(missing_ok=True)
        end(int(pidfile.read_text().strip()), grace=grace)
    return False


def main() -> int:
    name = f"worker@{socket.gethostname()}"
    answered = check(
        lambda: ping(name),
        failures=int(os.environ.get("LIVENESS_FAILURES", "3")),
        grace=float(os.environ.get("LIVENESS_GRACE_SECONDS", "60")),
        pidfile=PIDFILE,
        counter=COUNTER,
    )
    return 0 if answered else 1


if __name__ == "__main__":
    sys.exit(main())
