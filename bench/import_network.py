"""The import of a region's network at scale: 50 000 service rows previewed (and, with
`--commit`, imported) in a fresh process, its time and peak memory measured as
`bench/export_memory.py` measures the export's (the process's peak RSS, after a warm-up
import of a few rows has loaded the code).

    DATABASE_URL=sqlite:////tmp/bench-import.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench-import.sqlite3 \\
        .venv/bin/python -m bench.import_network --rows 50000 [--commit] [--xlsx]

The file is a CSV as Czech Excel saves it (Windows-1250, semicolons, decimal comma), made
reproducibly from the seed: 2 000 providers with valid IČ, one row per service in the
network 2018–2020, each § in a form it allows, one or two ORPs of the region. Prints one
JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import django

if __name__ == "__main__":
    django.setup()

from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.accounts.models import Membership, Role, User
from backend.imports.columns import COLUMNS
from backend.imports.services import import_commit, import_preview, import_upload
from backend.registry.models import Orp, Region, ServiceType
from backend.registry.validators import ico_check_digit

FORMS = {"residential": "pobytová", "outpatient": "ambulantní", "field": "terénní"}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _icos(rng: random.Random, count: int) -> list[str]:
    found: set[str] = set()
    while len(found) < count:
        first = f"{rng.randrange(10**6, 10**7):07d}"
        found.add(first + str(ico_check_digit(first)))
    return sorted(found)


def network_csv(rows: int, seed: int = 7, *, first_number: int = 1_000_000) -> bytes:
    """`rows` services in the network 2018–2020 as a Windows-1250 semicolon CSV."""
    return b"".join(network_lines(rows, seed, first_number=first_number))


def network_lines(rows: int, seed: int = 7, *, first_number: int = 1_000_000) -> Any:
    """The CSV's lines one by one (a file of 50 000 rows is written without holding it)."""
    rng = random.Random(seed)
    icos = _icos(rng, max(1, min(2000, rows // 25)))
    types = list(ServiceType.objects.all())
    orps = [orp.code for orp in Orp.objects.filter(region__code="CZ051")]
    yield (";".join(column.header for column in COLUMNS) + "\r\n").encode("cp1250")
    for index in range(rows):
        ico = icos[index % len(icos)]
        kind = rng.choice(types)
        form = rng.choice(kind.forms)
        capacity = f"{rng.randrange(1, 400) / 2:g}".replace(".", ",")
        values = {
            "ico": ico,
            "provider_name": f"Poskytovatel {ico}, z. s.",
            "legal_form": "z. s.",
            "address": "Liberec",
            "registration_number": str(first_number + index),
            "service_name": f"{kind.name} č. {index}",
            "paragraph": kind.paragraph,
            "form": FORMS[form],
            "unit": "",
            "target_groups": rng.choice(["S", "OZP", "OZP, ODO", ""]),
            "orps": ", ".join(rng.sample(orps, rng.choice([1, 1, 2]))),
            "municipalities": "",
            "period": "2018–2020",
            "capacity": capacity,
            "level": rng.choice(["zařazena", "zařazena", "Z1v", "P/Z2v"]),
            "resolution_number": "258/17/ZK",
            "resolution_date": "27. 6. 2017",
        }
        line = ";".join(f'"{values[c.key]}"' if ";" in values[c.key] else values[c.key]
                        for c in COLUMNS)  # fmt: skip
        yield (line + "\r\n").encode("cp1250")


def _officer() -> User:
    user, created = User.objects.get_or_create(username="bench.import")
    if created:
        Membership.objects.create(
            user=user, role=Role.REGIONAL_OFFICER, region=Region.objects.get(code="CZ051")
        )
    return user


def measure(rows: int, *, commit: bool) -> dict[str, Any]:
    officer = _officer()
    # Warm-up: load the code (openpyxl, import-export, the resources) on a few rows.
    warm = import_upload(
        by=officer,
        uploaded=SimpleUploadedFile("warm.csv", network_csv(5, seed=1, first_number=9_000_000)),
    )
    import_preview(run=warm, by=officer)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "sit.csv"
        with path.open("wb") as handle:
            handle.writelines(network_lines(rows))
        before = _peak_mb()
        started = time.perf_counter()
        with path.open("rb") as handle:
            run = import_upload(by=officer, uploaded=File(handle, name="sit.csv"))
        run = import_preview(run=run, by=officer)
        preview_seconds = time.perf_counter() - started
        result: dict[str, Any] = {
            "rows": run.rows_total,
            "encoding": run.encoding,
            "counts": run.counts(),
            "preview_seconds": round(preview_seconds, 1),
            "peak_rss_mb_before": round(before, 1),
            "peak_rss_mb_after_preview": round(_peak_mb(), 1),
            "growth_mb_preview": round(_peak_mb() - before, 1),
        }
        if commit:
            started = time.perf_counter()
            run = import_commit(run=run, by=officer)
            result.update(
                {
                    "status": run.status,
                    "commit_seconds": round(time.perf_counter() - started, 1),
                    "peak_rss_mb": round(_peak_mb(), 1),
                    "growth_mb": round(_peak_mb() - before, 1),
                }
            )
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--commit", action="store_true")
    arguments = parser.parse_args()
    print(json.dumps(measure(arguments.rows, commit=arguments.commit)))
