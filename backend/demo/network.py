"""The demo region's existing network, loaded the way a regional office starts: the
spreadsheet it keeps (`data/network_2024_2026.csv`, made by `network_file.py`) uploaded,
previewed and committed through the import, then rolled over into the current call's period,
which the call plans for."""

from pathlib import Path

from django.core.files import File
from django.utils import timezone

from backend.accounts.models import User
from backend.calls.models import NetworkPeriod
from backend.imports.models import ImportStatus
from backend.imports.services import import_commit, import_preview, import_upload
from backend.network.services import network_roll_over

FILE = Path(__file__).parent / "data" / "network_2024_2026.csv"


def load_existing_network(*, by: User) -> int:
    """Import the shipped network file as `by` (a regional officer) and roll it over into
    the period of next year's call; returns how many entries the roll-over carried."""
    with FILE.open("rb") as handle:
        run = import_upload(by=by, uploaded=File(handle, name=FILE.name))
    run = import_preview(run=run, by=by)
    run = import_commit(run=run, by=by)
    if run.status != ImportStatus.COMMITTED:
        raise RuntimeError(f"The demo network did not import: {run.status} {run.error}")
    source = NetworkPeriod.objects.get(start_year=2024, end_year=2026)
    year = timezone.localdate().year + 1
    target, _ = NetworkPeriod.objects.get_or_create(start_year=year, end_year=year + 2)
    return network_roll_over(source=source, target=target, by=by)
