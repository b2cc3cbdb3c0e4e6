"""The import of a region's existing network: upload, preview (a dry run), commit.

`import_preview` and `import_commit` run the same code — the three resources of
`resources.py` over the file's rows, chunk by chunk, inside one transaction — and differ
only at its end: the preview rolls it back, the commit keeps it unless a row is refused
(then nothing of the file is written: all or nothing). Either way the run records what every
row does (`ImportRow`: new, changed with the changed fields, refused with the column and the
sentence, warnings) and its counts. Providers match by IČ, services by registration number,
entries by service and period — never by name — so importing the same file again changes
nothing.

While it runs, the progress (rows done of all, refused so far) is kept in a small file next
to the upload: the transaction that does the work is not visible to the page that shows it.
"""

import hashlib
import json
import logging
import tempfile
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.rules import roles_of
from backend.core.enqueue import BROKER_DOWN, delivering_inline, task_named
from backend.imports.columns import BY_KEY, COLUMNS, ROW, automatic_mapping
from backend.imports.models import ColumnMapping, ImportRow, ImportRun, ImportStatus
from backend.imports.reading import UnreadableFile, open_table
from backend.registry.models import Region

if TYPE_CHECKING:
    import tablib

    from backend.imports.resources import ImportContext, RowState

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_STORED_ROWS_BATCH = 1000


def _region_of(by: Any, region: Region | None = None) -> Region:
    regions = roles_of(by).region_ids
    if not regions:
        raise PermissionDenied(_("Only the regional office imports the network."))
    if region is not None:
        if region.pk not in regions:
            raise PermissionDenied(_("Only the regional office imports the network."))
        return region
    return Region.objects.get(pk=min(regions))


def import_upload(*, by: Any, uploaded: Any, mapping_name: str = "") -> ImportRun:
    """Store an uploaded file as a new import run of the officer's region: its name, SHA-256,
    format, encoding and the column mapping (the saved one named `mapping_name`, else the
    headers recognised). Raises ValidationError when the file cannot be read."""
    region = _region_of(by)
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_BYTES >> 20}}
        )
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    name = Path(uploaded.name).name[:200]
    run = ImportRun(region=region, created_by=by, file_name=name, sha256=digest.hexdigest())
    run.file.save(name, File(uploaded), save=False)
    try:
        table = open_table(Path(run.file.path))
    except UnreadableFile as error:
        run.file.delete(save=False)
        raise ValidationError({"file": str(error)}) from error
    run.file_format = table.file_format
    run.encoding = table.encoding_label
    run.delimiter = table.delimiter
    run.mapping = automatic_mapping(table.headers)
    if mapping_name:
        saved = ColumnMapping.objects.filter(region=region, name=mapping_name).first()
        if saved is not None:
            run.mapping = {
                key: header for key, header in saved.columns.items() if header in table.headers
            }
    run.save()
    return run


def import_headers(*, run: ImportRun) -> list[str]:
    """The header row of the run's file."""
    return [header for header in open_table(Path(run.file.path)).headers if header]


def import_mapping_missing(*, run: ImportRun) -> list[str]:
    """The required columns the run's mapping does not name (Czech headers)."""
    return [
        column.header for column in COLUMNS if column.required and column.key not in run.mapping
    ]


def import_mapping_set(
    *, run: ImportRun, by: Any, columns: dict[str, str], save_as: str = ""
) -> ImportRun:
    """Map the file's headers to the import's columns (`{column key: header}`), and save the
    mapping under `save_as` for the region's next imports."""
    _region_of(by, run.region)
    headers = set(import_headers(run=run))
    unknown = [header for header in columns.values() if header and header not in headers]
    if unknown or set(columns) - set(BY_KEY):
        raise ValidationError(_("The mapping names columns the file does not have."))
    if run.running or run.status == ImportStatus.COMMITTED:
        raise ValidationError(_("The mapping of a running or committed import stays."))
    run.mapping = {key: header for key, header in columns.items() if header}
    run.status = ImportStatus.UPLOADED
    run.save(update_fields=["mapping", "status"])
    if save_as:
        ColumnMapping.objects.update_or_create(
            region=run.region,
            name=save_as[:100],
            defaults={"columns": run.mapping, "updated_by": by},
        )
    return run


IMPORT_RUN_TASK = "backend.imports.tasks.import_run_task"


def import_start(*, run: ImportRun, by: Any, commit: bool) -> ImportRun:
    """Have the preview (or the commit) run by a Celery worker once the transaction commits,
    the page following its progress; at once, in the caller, when delivering inline or when
    the broker is unreachable. A second import of the same region waits for the first."""
    _region_of(by, run.region)
    _check_startable(run, commit=commit)
    status = ImportStatus.COMMITTING if commit else ImportStatus.PREVIEWING
    ImportRun.objects.filter(pk=run.pk).update(status=status, error="")
    run.status = status
    transaction.on_commit(partial(_publish, run.pk, by.pk, commit), robust=True)
    return run


def _publish(run_id: int, by_id: int, commit: bool) -> None:
    if not delivering_inline():
        try:
            task_named(IMPORT_RUN_TASK).apply_async(args=(run_id, by_id, commit), retry=False)
            return
        except BROKER_DOWN as error:
            logger.warning("Broker unreachable, import %s runs in the request: %s", run_id, error)
    task_named(IMPORT_RUN_TASK).apply(args=(run_id, by_id, commit))


def _check_startable(run: ImportRun, *, commit: bool) -> None:
    if commit:
        if run.status not in (ImportStatus.PREVIEWED, ImportStatus.COMMITTING) or (
            run.count_refused
        ):
            raise ValidationError(
                _("Only a previewed import without refused rows can be committed.")
            )
    elif run.status in (ImportStatus.COMMITTED, ImportStatus.COMMITTING):
        raise ValidationError(_("This import has been committed already."))
    missing = import_mapping_missing(run=run)
    if missing:
        raise ValidationError(
            _("Map the required columns first: %(columns)s.") % {"columns": ", ".join(missing)}
        )


def import_preview(*, run: ImportRun, by: Any) -> ImportRun:
    """Dry run: read every row, say what it would do, write nothing. Rows are stored on the
    run (`ImportRow`) with its counts; status `previewed`, or `failed` when the file could not
    be read to its end."""
    _region_of(by, run.region)
    _check_startable(run, commit=False)
    return _run(run, by=by, commit=False)


def import_commit(*, run: ImportRun, by: Any) -> ImportRun:
    """Import the previewed file: all of it or, when a row is refused (the data may have
    changed since the preview), nothing — the run's status says which (`committed` or
    `refused`) and its rows say why. Every record created or changed has the import in its
    history; capacities are written as capacity changes naming the import and the file."""
    _region_of(by, run.region)
    _check_startable(run, commit=True)
    return _run(run, by=by, commit=True)


class _Refused(Exception):
    """Rolls the commit back when a row was refused."""


def _run(run: ImportRun, *, by: Any, commit: bool) -> ImportRun:
    running = ImportStatus.COMMITTING if commit else ImportStatus.PREVIEWING
    ImportRun.objects.filter(pk=run.pk).update(status=running, error="")
    run.status = running
    table = open_table(Path(run.file.path))
    total = table.count()
    progress = Progress(run, total)
    progress.write(waiting=True)
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as spool:
        try:
            counts = _transaction(run, table, by, spool, progress, commit=commit)
        except Exception as error:
            logger.exception("Import %s failed", run.pk)
            run.status = ImportStatus.FAILED
            run.error = str(error)[:2000]
            run.save(update_fields=["status", "error"])
            progress.remove()
            raise
        now = timezone.now()
        run.rows_total = run.rows_done = total
        run.count_new, run.count_changed = counts["new"], counts["changed"]
        run.count_unchanged, run.count_refused = counts["unchanged"], counts["refused"]
        run.count_warnings = counts["warnings"]
        if commit and not counts["refused"]:
            run.status, run.committed_by, run.committed_at = ImportStatus.COMMITTED, by, now
        elif commit:
            run.status = ImportStatus.REFUSED
        else:
            run.status, run.previewed_at = ImportStatus.PREVIEWED, now
        with transaction.atomic():
            run.save()
            _store_rows(run, spool)
    progress.remove()
    return run


def _transaction(
    run: ImportRun, table: Any, by: Any, spool: Any, progress: "Progress", *, commit: bool
) -> dict[str, int]:
    """Run the file in one transaction: kept by a commit without refused rows, else rolled
    back."""
    counts = dict.fromkeys(("new", "changed", "unchanged", "refused", "warnings"), 0)
    try:
        with transaction.atomic():
            # A second import of the region waits here until the first has finished.
            Region.objects.select_for_update().filter(pk=run.region_id).first()
            _process(run, table, by, spool, counts, progress, commit=commit)
            if not commit or counts["refused"]:
                raise _Refused
    except _Refused:
        pass
    return counts


def _process(
    run: ImportRun,
    table: Any,
    by: Any,
    spool: Any,
    counts: dict[str, int],
    progress: "Progress",
    *,
    commit: bool,
) -> None:
    # Imported here, where a file runs (in the worker or the import command), and not at the
    # top: the web process loads this module with its URLconf only to upload and map files,
    # and django-import-export with tablib and diff-match-patch would cost each web process
    # ~2 MB it never uses (issue 23, the exports' peak memory; pinned by
    # tests/core/test_import_footprint.py).
    from backend.imports.resources import (
        EntryResource,
        ImportContext,
        ProviderResource,
        RowState,
        ServiceResource,
    )

    progress.write()
    context = ImportContext(
        region=run.region,
        by=by,
        history_reason=run.history_reason,
        capacity_reason=_("Import no. %(id)s of the file %(file)s (SHA-256 %(hash)s…)")
        % {"id": run.pk, "file": run.file_name, "hash": run.sha256[:12]},
        headers=dict(run.mapping),
    )
    resources = [ProviderResource(context), ServiceResource(context), EntryResource(context)]
    done = 0
    for chunk in table.chunks(run.mapping):
        context.rows = {int(number): RowState(int(number)) for number in chunk[ROW]}
        context.row_orps = {}
        context.prepare_periods(list(chunk["period"]))
        remaining = chunk
        for resource in resources:
            resource.import_data(remaining, dry_run=not commit)
            resource.flush()
            remaining = _without_refused(remaining, context)
            if not len(remaining):
                break
        for state in context.rows.values():
            counts[state.outcome] += 1
            counts["warnings"] += bool(state.warnings)
            spool.write(json.dumps(_row_record(state), ensure_ascii=False) + "\n")
        done += len(chunk)
        progress.write(done=done, refused=counts["refused"])


def _without_refused(dataset: "tablib.Dataset", context: "ImportContext") -> "tablib.Dataset":
    import tablib  # deferred with the resources (see `_process`)

    rows = [row for row in dataset if not context.rows[int(row[-1])].errors]
    if len(rows) == len(dataset):
        return dataset
    kept = tablib.Dataset(headers=dataset.headers)
    for row in rows:
        kept.append(row)
    return kept


def _row_record(state: "RowState") -> dict[str, Any]:
    return {
        "number": state.number,
        "outcome": state.outcome,
        "registration_number": state.registration_number[:50],
        "service_name": state.service_name[:200],
        "changes": state.changes,
        "errors": state.errors,
        "warnings": state.warnings,
    }


def _store_rows(run: ImportRun, spool: Any) -> None:
    run.rows.all().delete()
    spool.seek(0)
    batch: list[ImportRow] = []
    for line in spool:
        batch.append(ImportRow(run=run, **json.loads(line)))
        if len(batch) >= _STORED_ROWS_BATCH:
            ImportRow.objects.bulk_create(batch)
            batch = []
    ImportRow.objects.bulk_create(batch)


class Progress:
    """The progress of a running import in a small JSON file beside the upload, written
    outside the import's transaction (which nobody else sees until it ends)."""

    def __init__(self, run: ImportRun, total: int) -> None:
        self.path = progress_path(run)
        self.total = total

    def write(self, *, done: int = 0, refused: int = 0, waiting: bool = False) -> None:
        data = {"total": self.total, "done": done, "refused": refused, "waiting": waiting}
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data), encoding="utf-8")
        temporary.replace(self.path)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def progress_path(run: ImportRun) -> Path:
    path = Path(default_storage.path(f"imports/progress-{run.pk}.json"))
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def progress_read(run: ImportRun) -> dict[str, Any] | None:
    """The progress of the run while it runs: total, done, refused, waiting (None: not
    running)."""
    try:
        return json.loads(progress_path(run).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
