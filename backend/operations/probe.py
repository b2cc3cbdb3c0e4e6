"""Health probe for docker-compose: `python -m backend.operations.probe /health/db/ …`.

Exits 0 when every path answers 200, 1 otherwise. Needs no Django setup (it runs every few
seconds in the container) and sends the Host header of the first ALLOWED_HOSTS entry, so the
host check passes whatever name the site is served under.
"""

import os
import sys
import urllib.error
import urllib.request

BASE = os.environ.get("HEALTH_PROBE_BASE", "http://127.0.0.1:8000")


def probe(path: str, *, timeout: float = 5) -> bool:
    host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".*")
    request = urllib.request.Request(
        BASE + path,
        # Behind the TLS proxy the app may redirect plain HTTP; the probe talks to it directly.
        headers={"Host": host or "localhost", "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError) as error:
        print(f"{path}: {error}", file=sys.stderr)
        return False


def main(paths: list[str]) -> int:
    return 0 if all([probe(path) for path in paths or ["/health/"]]) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
