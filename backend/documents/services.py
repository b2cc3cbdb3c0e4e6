"""Generating and reading stored documents.

`document_generate_for` is the one call the workflow actions make: once the transaction
commits it puts `document_generate_task` on the broker, and a worker renders the PDF — a
rolled-back transition leaves no document, and the rendering (WeasyPrint, hundreds of
milliseconds) never holds the row locks or the web request. Every stored PDF carries the
region's electronic seal (`backend.seal`), and the stored file is checked against its SHA-256
when it is read.

The reference number (docs/records.md) is issued by `document_generate_for`, in the
transition's transaction: the filing or the letter has its number whether or not the PDF is
rendered yet, and a rolled-back transition takes it back. The task prints it.
"""

import hashlib
import logging
from functools import partial
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max

from backend.core.enqueue import BROKER_DOWN, delivering_inline, task_named
from backend.documents.models import Document, DocumentKind
from backend.documents.rendering import document_context, document_filename, render_pdf
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from backend.records.models import Direction, ReferenceNumber
from backend.records.series import series_municipal, series_regional
from backend.records.services import reference_number_issue, reference_numbers_of

logger = logging.getLogger(__name__)

# By its registered name: the tasks module imports this one.
DOCUMENT_GENERATE_TASK = "backend.documents.tasks.document_generate_task"


class DocumentCorrupted(Exception):
    """The stored file no longer matches the checksum recorded when it was generated."""


def _source(kind: str, plan_id: int, opinion_id: int | None) -> str:
    return f"{kind}:{opinion_id if kind == DocumentKind.OPINION and opinion_id else plan_id}"


def _latest_version(source: str) -> int:
    return Document.objects.filter(source=source).aggregate(v=Max("version"))["v"] or 0


def document_generate_for(
    *,
    kind: str,
    plan: DevelopmentPlan,
    opinion: MunicipalOpinion | None = None,
    by: Any = None,
) -> None:
    """Have the document of a transition generated once the transaction has committed.

    The task is told the newest version stored now, so it is idempotent: a redelivered task,
    or one whose document a later transition's task (or a download) already generated,
    stores nothing. Issues the reference number the document is printed with.
    """
    opinion_id = opinion.pk if opinion else None
    reference_number = _reference_number_issue(kind=kind, plan=plan, opinion=opinion)
    transaction.on_commit(
        partial(
            _publish,
            kind=kind,
            plan_id=plan.pk,
            opinion_id=opinion_id,
            by_id=getattr(by, "pk", None),
            after_version=_latest_version(_source(kind, plan.pk, opinion_id)),
            reference_number_id=reference_number.pk,
        ),
        robust=True,
    )


def _reference_number_issue(
    *, kind: str, plan: DevelopmentPlan, opinion: MunicipalOpinion | None
) -> ReferenceNumber:
    """A submission (and each resubmission: a new filing) is an incoming filing of the
    regional office's series, a decision its outgoing letter; an opinion is the letter of
    the municipality that issues it, numbered in that municipality's own series."""
    if kind == DocumentKind.OPINION and opinion is not None:
        municipality = opinion.municipality
        return reference_number_issue(
            series=series_municipal(municipality_id=municipality.pk, code=municipality.code),
            subject=opinion,
            direction=Direction.OUTGOING,
        )
    if kind == DocumentKind.DECISION:
        return reference_number_issue(
            series=series_regional(), subject=plan.decision, direction=Direction.OUTGOING
        )
    return reference_number_issue(
        series=series_regional(), subject=plan, direction=Direction.INCOMING
    )


def _publish(**params: Any) -> None:
    """Put the task on the broker; render at once when delivering inline (the demo loader)
    or when the broker is unreachable, so that no transition is left without its document."""
    if not delivering_inline():
        try:
            task_named(DOCUMENT_GENERATE_TASK).apply_async(kwargs=params, retry=False)
            return
        except BROKER_DOWN as error:
            logger.warning("Broker unreachable, document rendered in the request: %s", error)
    document_generate(**params)


def document_generate(
    *,
    kind: str,
    plan_id: int,
    opinion_id: int | None = None,
    by_id: int | None = None,
    after_version: int = 0,
    reference_number_id: int | None = None,
) -> Document | None:
    """Render and store a transition's document unless a version newer than `after_version`
    exists already (then None): what the task runs."""
    if _latest_version(_source(kind, plan_id, opinion_id)) > after_version:
        return None  # a redelivered task, or a later transition's document exists
    return _render_and_store(
        kind=kind,
        plan_id=plan_id,
        opinion_id=opinion_id,
        by_id=by_id,
        after_version=after_version,
        reference_number_id=reference_number_id,
    )


def document_create(
    *, kind: str, plan_id: int, opinion_id: int | None = None, by_id: int | None = None
) -> Document:
    """Render the document now and store it as its next version, with its SHA-256."""
    document = _render_and_store(
        kind=kind, plan_id=plan_id, opinion_id=opinion_id, by_id=by_id, after_version=None
    )
    if document is None:  # cannot happen without after_version
        raise IntegrityError(_source(kind, plan_id, opinion_id))
    return document


def _render_and_store(
    *,
    kind: str,
    plan_id: int,
    opinion_id: int | None,
    by_id: int | None,
    after_version: int | None,
    reference_number_id: int | None = None,
) -> Document | None:
    """Render, then store the next version; with `after_version`, nothing (None) when a
    version newer than it appeared meanwhile. The version is chosen with the plan row
    locked, after the rendering (which holds no lock). Without `reference_number_id` (a
    regenerated version) the document keeps the number of its newest version."""
    plan = DevelopmentPlan.objects.select_related(
        "call__region", "call__period", "provider", "service__service_type"
    ).get(pk=plan_id)
    opinion = (
        MunicipalOpinion.objects.select_related("municipality", "resolution", "issued_by").get(
            pk=opinion_id
        )
        if opinion_id
        else None
    )
    source = _source(kind, plan_id, opinion_id)
    reference_number = _reference_number_of(
        kind=kind, plan=plan, opinion=opinion, reference_number_id=reference_number_id
    )
    context = document_context(
        kind=kind, plan=plan, opinion=opinion, reference_number=reference_number
    )
    # pyHanko (with aiohttp, fontTools, HarfBuzz: ≈ 40 MB) loads only where a PDF is sealed,
    # never in every web process (tests/core/test_import_footprint.py).
    from backend.seal.services import pdf_seal

    # Sealed before the checksum is taken: the stored, served and verified bytes are the
    # sealed ones (docs/seal.md).
    pdf = pdf_seal(
        render_pdf(kind=kind, context=context),
        reference_number=reference_number.value if reference_number else "",
    )
    for _attempt in range(3):  # two generations at once: the later takes the next version
        with transaction.atomic():
            # Generations of one plan's documents queue here (the rendering above did not).
            DevelopmentPlan.objects.select_for_update().filter(pk=plan_id).exists()
            latest = _latest_version(source)
            if after_version is not None and latest > after_version:
                return None
            version = latest + 1
            filename = document_filename(kind=kind, plan=plan, opinion=opinion, version=version)
            document = Document(
                plan=plan,
                opinion=opinion,
                kind=kind,
                source=source,
                version=version,
                filename=filename,
                sha256=hashlib.sha256(pdf).hexdigest(),
                size=len(pdf),
                letter_version=context["letter_version"],
                reference_number=reference_number,
                created_by_id=by_id,
            )
            document.file.save(filename, ContentFile(pdf), save=False)
            try:
                with transaction.atomic():
                    document.save()
            except IntegrityError:
                document.file.delete(save=False)
                continue
        return document
    raise IntegrityError(source)


def _reference_number_of(
    *,
    kind: str,
    plan: DevelopmentPlan,
    opinion: MunicipalOpinion | None,
    reference_number_id: int | None,
) -> ReferenceNumber | None:
    """The number issued at the transition; for a regenerated version (or one made on
    download) the newest number of what the document is of: the plan's latest filing, the
    opinion's, the decision's (None before numbers were issued)."""
    if reference_number_id is not None:
        return ReferenceNumber.objects.get(pk=reference_number_id)
    subject: Any = plan
    if kind == DocumentKind.OPINION:
        subject = opinion
    elif kind == DocumentKind.DECISION:
        subject = getattr(plan, "decision", None)
    return reference_numbers_of(subject).last() if subject is not None else None


def document_latest(
    *, kind: str, plan: DevelopmentPlan, opinion: MunicipalOpinion | None = None
) -> Document | None:
    """The newest version of a plan's (or an opinion's) document, if one was generated."""
    return (
        Document.objects.filter(source=_source(kind, plan.pk, opinion.pk if opinion else None))
        .order_by("-version")
        .first()
    )


def document_latest_or_create(
    *, kind: str, plan: DevelopmentPlan, opinion: MunicipalOpinion | None = None
) -> Document:
    """The stored document; one that is missing (a plan submitted before documents were
    generated, or a rendering that failed after the commit) is generated and stored now."""
    document = document_latest(kind=kind, plan=plan, opinion=opinion)
    if document is None:
        document = document_create(
            kind=kind, plan_id=plan.pk, opinion_id=opinion.pk if opinion else None
        )
    return document


def document_read(*, document: Document) -> bytes:
    """The stored bytes, verified against the checksum recorded at generation."""
    with document.file.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != document.sha256:
        raise DocumentCorrupted(document.pk)
    return content
