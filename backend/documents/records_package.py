"""The records package of a closed call: what the region's records service (spisová služba)
takes in — every version of every generated document of the call's plans, a manifest with
the filing code and retention of each, and the checksums (docs/records.md, "The records
package").

The package is a ZIP:

- `manifest.csv`: one row per document version (`MANIFEST_COLUMNS`), UTF-8 with a BOM,
  semicolons (what Czech Excel opens as columns; the records service's staff check it there);
- `documents/<plan id>/<file name>`: the PDFs, byte for byte as stored;
- `SHA256SUMS`: the SHA-256 of the PDFs and of the manifest, as `sha256sum -c` reads it.

Every PDF is read through `document_read`, which checks it against the checksum recorded at
generation: a missing or corrupted file refuses the whole package, naming the document,
rather than handing the records service a file that is not the one issued.
"""

import csv
import datetime as dt
import hashlib
import io
import logging
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.calls.models import Call
from backend.core.exports import safe_cell
from backend.documents.models import Document, DocumentFiling, DocumentKind
from backend.documents.selectors import document_filings_by_kind
from backend.documents.services import DocumentCorrupted, document_read
from backend.machines.call_lifecycle.states import CallState

logger = logging.getLogger(__name__)

# A call's submissions are complete only once it closed; until then a plan may still be
# filed or resubmitted and the package would miss it.
EXPORTABLE_STATES = frozenset({CallState.CLOSED, CallState.FINISHED})

MANIFEST_NAME = "manifest.csv"
CHECKSUMS_NAME = "SHA256SUMS"
DOCUMENTS_FOLDER = "documents"

# Stable keys, not translated titles: the records service reads the columns by name, and
# the header must not change with the language of the officer who made the package.
MANIFEST_COLUMNS = (
    "reference_number",
    "call_id",
    "plan_id",
    "provider_name",
    "provider_ico",
    "service_name",
    "service_type",
    "registration_number",
    "document_kind",
    "municipality",
    "version",
    "file",
    "filing_code",
    "retention_mode",
    "retention_years",
    "sha256",
    "size_bytes",
    "created_at",
)

_KIND_ORDER = Case(
    When(kind=DocumentKind.PLAN, then=Value(0)),
    When(kind=DocumentKind.OPINION, then=Value(1)),
    When(kind=DocumentKind.DECISION, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


class RecordsPackageRefused(Exception):
    """The package cannot be made; `str(error)` says why (translated)."""


@dataclass(frozen=True)
class RecordsPackage:
    """What a written package holds: the documents in it, in manifest order."""

    documents: Sequence[Document]


def records_package_filename(*, call: Call) -> str:
    """The download's file name: `spisova-sluzba-vyzva-12.zip`."""
    return f"spisova-sluzba-vyzva-{call.pk}.zip"


def records_package_documents(*, call: Call) -> QuerySet[Document]:
    """Every version of every document of the call's plans, by plan, then the plan, its
    opinions and the decision, each by version; with what the manifest prints, in one
    query whatever the number of plans."""
    return (
        Document.objects.filter(plan__call=call)
        .select_related(
            "plan__provider",
            "plan__service__service_type",
            "opinion__municipality",
            "reference_number",
        )
        .annotate(kind_order=_KIND_ORDER)
        .order_by("plan_id", "kind_order", "source", "version")
    )


def records_package_refusal(*, call: Call) -> str | None:
    """Why the call's package cannot be made now (None: it can)."""
    if call.state not in EXPORTABLE_STATES:
        return _(
            "The call “%(call)s” is %(state)s: its documents can be exported for the records "
            "service once it is closed."
        ) % {"call": call.name, "state": call.get_state_display()}
    return None


def records_package_write(*, call: Call, target: IO[bytes]) -> RecordsPackage:
    """Write the records package of a closed or finished call to `target` (a binary file
    opened for writing; seekable, as ZIP needs). Raises `RecordsPackageRefused` for a call
    not yet closed and for a stored file that is missing or does not match its checksum;
    `target` then holds no usable package."""
    refusal = records_package_refusal(call=call)
    if refusal is not None:
        raise RecordsPackageRefused(refusal)
    filings = document_filings_by_kind()
    documents = list(records_package_documents(call=call))
    manifest = io.StringIO()
    writer = csv.writer(manifest, delimiter=";", lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    checksums: list[tuple[str, str]] = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for document in documents:
            content = _verified_content(document)
            path = _package_path(document)
            package.writestr(_entry(path, document.created_at), content)
            checksums.append((document.sha256, path))
            writer.writerow(_manifest_row(document, path, filings.get(document.kind)))
        manifest_bytes = ("\ufeff" + manifest.getvalue()).encode("utf-8")
        package.writestr(_entry(MANIFEST_NAME, timezone.now()), manifest_bytes)
        checksums.append((hashlib.sha256(manifest_bytes).hexdigest(), MANIFEST_NAME))
        package.writestr(_entry(CHECKSUMS_NAME, timezone.now()), _checksums_text(checksums))
    return RecordsPackage(documents=documents)


def records_package_file(*, call: Call) -> tuple[IO[bytes], RecordsPackage]:
    """The package in a temporary file, rewound for reading: a call's PDFs may run to
    hundreds of megabytes, more than a request should hold in memory. The caller closes it
    (a FileResponse does); on a refusal it is closed here."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (returned open, the caller closes it)
    try:
        package = records_package_write(call=call, target=handle)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle, package


def _verified_content(document: Document) -> bytes:
    """The stored bytes, or a refusal naming the document whose file cannot be trusted."""
    names = {
        "file": document.filename,
        "version": document.version,
        "plan": document.plan_id,
    }
    try:
        return document_read(document=document)
    except DocumentCorrupted as error:
        # An incident for operations (backup restore), not only a refusal for the officer.
        logger.error("Records package: document %s does not match its SHA-256", document.pk)
        raise RecordsPackageRefused(
            _(
                "The stored file of document %(file)s (version %(version)s, plan %(plan)s) does "
                "not match its checksum; nothing was exported."
            )
            % names
        ) from error
    except OSError as error:
        logger.error("Records package: the file of document %s cannot be read", document.pk)
        raise RecordsPackageRefused(
            _(
                "The stored file of document %(file)s (version %(version)s, plan %(plan)s) "
                "cannot be read; nothing was exported."
            )
            % names
        ) from error


def _package_path(document: Document) -> str:
    # A folder per plan: the records service files a plan's documents together.
    return f"{DOCUMENTS_FOLDER}/{document.plan_id}/{document.filename}"


def _entry(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    """A ZIP entry dated on the Prague wall clock (ZIP has no time zones), compressed."""
    local = timezone.localtime(when)
    entry = zipfile.ZipInfo(name, date_time=local.timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


def _manifest_row(document: Document, path: str, filing: DocumentFiling | None) -> list[Any]:
    plan = document.plan
    service = plan.service
    cells: list[Any] = [
        document.reference_number.value if document.reference_number else "",
        plan.call_id,
        plan.pk,
        plan.provider.name,
        plan.provider.ico,
        service.name,
        f"§ {service.service_type.paragraph}",
        service.registration_number or "",
        document.kind,
        document.opinion.municipality.name if document.opinion else "",
        document.version,
        path,
        filing.filing_code if filing else "",
        filing.retention_mode if filing else "",
        filing.retention_years if filing else "",
        document.sha256,
        document.size,
        timezone.localtime(document.created_at).isoformat(),
    ]
    # Names typed by people are opened in Excel: a leading "=" must not run as a formula.
    return [safe_cell(cell) for cell in cells]


def _checksums_text(checksums: Sequence[tuple[str, str]]) -> bytes:
    """`<hex>  <path>` per line: what `sha256sum -c SHA256SUMS` checks after unzipping."""
    return "".join(f"{digest}  {path}\n" for digest, path in checksums).encode("utf-8")
