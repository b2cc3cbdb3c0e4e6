"""Generating and reading stored documents.

`document_generate_for` is the one call the workflow actions make: it schedules the PDF for
after the transaction commits (a rolled-back transition leaves no document, and a slow
rendering never holds the row locks). The stored file is checked against its SHA-256 when
it is read.
"""

import hashlib
from functools import partial
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max

from backend.documents.models import Document, DocumentKind
from backend.documents.rendering import document_context, document_filename, render_pdf
from backend.plans.models import DevelopmentPlan, MunicipalOpinion


class DocumentCorrupted(Exception):
    """The stored file no longer matches the checksum recorded when it was generated."""


def _source(kind: str, plan: DevelopmentPlan, opinion: MunicipalOpinion | None) -> str:
    return f"{kind}:{opinion.pk if kind == DocumentKind.OPINION and opinion else plan.pk}"


def document_generate_for(
    *,
    kind: str,
    plan: DevelopmentPlan,
    opinion: MunicipalOpinion | None = None,
    by: Any = None,
) -> None:
    """Generate the document of a transition once the transaction has committed."""
    transaction.on_commit(
        partial(
            document_create,
            kind=kind,
            plan_id=plan.pk,
            opinion_id=opinion.pk if opinion else None,
            by_id=getattr(by, "pk", None),
        ),
        robust=True,
    )


def document_create(
    *, kind: str, plan_id: int, opinion_id: int | None = None, by_id: int | None = None
) -> Document:
    """Render the document now and store it as its next version, with its SHA-256."""
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
    pdf = render_pdf(kind=kind, context=document_context(kind=kind, plan=plan, opinion=opinion))
    source = _source(kind, plan, opinion)
    for _attempt in range(3):  # two generations at once: the later takes the next version
        version = (Document.objects.filter(source=source).aggregate(v=Max("version"))["v"] or 0) + 1
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


def document_latest(
    *, kind: str, plan: DevelopmentPlan, opinion: MunicipalOpinion | None = None
) -> Document | None:
    """The newest version of a plan's (or an opinion's) document, if one was generated."""
    return Document.objects.filter(source=_source(kind, plan, opinion)).order_by("-version").first()


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
