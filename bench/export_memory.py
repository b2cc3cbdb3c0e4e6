"""Peak memory of exporting every plan (100 000 rows) through the API, in a fresh process.

    DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python -m bench.export_memory csv

Prints one JSON line: rows, bytes, seconds, the process's peak RSS and how much it grew
during the export (a warm-up export of a few rows first loads the code, e.g. openpyxl).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from typing import Any

import django

if __name__ == "__main__":
    django.setup()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(fmt: str) -> dict[str, Any]:
    from django.test import Client

    from backend.accounts.models import User

    client = Client(SERVER_NAME="127.0.0.1", HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(User.objects.get(username="bench.kraj"))
    path = f"/api/v1/plans/export/{fmt}/"
    warm = client.get(path, {"state": "awaiting_council", "orp": "5108"})
    if warm.status_code == 404:
        return {"format": fmt, "status": 404, "note": "no export endpoint in this build"}
    b"".join(warm.streaming_content if warm.streaming else [warm.content])
    before = _peak_mb()
    started = time.perf_counter()
    response = client.get(path)
    size = lines = 0
    for chunk in response.streaming_content if response.streaming else [response.content]:
        size += len(chunk)
        lines += chunk.count(b"\n")
    return {
        "format": fmt,
        "status": response.status_code,
        "streamed": response.streaming,
        "bytes": size,
        "csv_lines": lines if fmt == "csv" else None,
        "seconds": round(time.perf_counter() - started, 2),
        "peak_rss_mb": round(_peak_mb(), 1),
        "growth_mb": round(_peak_mb() - before, 1),
    }


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1] if len(sys.argv) > 1 else "csv")))
