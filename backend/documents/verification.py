"""Whether the region issued a PDF someone holds: its seal validates, and it is one of the
stored documents (found by the SHA-256 of the sealed file)."""

import enum
import hashlib
from dataclasses import dataclass

from backend.documents.models import Document
from backend.seal.verification import SealCheck, SealState, pdf_verify


class Verdict(enum.StrEnum):
    ISSUED = "issued"  # sealed by the region and stored as one of its documents
    CHANGED = "changed"  # sealed, then changed (or damaged)
    NOT_ISSUED = "not_issued"  # no seal, another's seal, or a seal without a stored document
    UNREADABLE = "unreadable"  # not a PDF


@dataclass(frozen=True)
class DocumentVerification:
    """The verdict, the seal's details and, when issued, the stored document and whether a
    newer version of it exists."""

    verdict: Verdict
    seal: SealCheck
    document: Document | None = None
    superseded: bool = False


def document_verify(content: bytes) -> DocumentVerification:
    """Validate the seal of `content` and find the stored document it is."""
    seal = pdf_verify(content)
    if seal.state == SealState.UNREADABLE:
        return DocumentVerification(Verdict.UNREADABLE, seal)
    if seal.state == SealState.CHANGED:
        return DocumentVerification(Verdict.CHANGED, seal)
    if seal.state != SealState.VALID:
        return DocumentVerification(Verdict.NOT_ISSUED, seal)
    document = (
        Document.objects.select_related("plan__provider", "plan__call", "reference_number")
        .filter(sha256=hashlib.sha256(content).hexdigest())
        .first()
    )
    if document is None:
        return DocumentVerification(Verdict.NOT_ISSUED, seal)
    superseded = Document.objects.filter(
        source=document.source, version__gt=document.version
    ).exists()
    return DocumentVerification(Verdict.ISSUED, seal, document, superseded)
