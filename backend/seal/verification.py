"""Validating the seal of a PDF someone holds: intact, covering the whole file, made with a
certificate that chains to the seal's trust roots (pyHanko's validator)."""

import datetime
import enum
import logging
from dataclasses import dataclass
from functools import partial
from io import BytesIO

from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from backend.seal.certificates import seal_key
from backend.seal.threads import outside_event_loop

logger = logging.getLogger(__name__)

# A document timestamp added after the seal is the one change a sealed document may carry.
_ALLOWED_AFTER_SEAL = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES)


class SealState(enum.StrEnum):
    UNREADABLE = "unreadable"  # not a PDF, or one too damaged to read
    UNSEALED = "unsealed"  # a PDF without any signature
    CHANGED = "changed"  # signed, but the bytes differ from what was signed
    FOREIGN = "foreign"  # intact, but not sealed under the region's trust roots
    VALID = "valid"  # intact, whole, sealed under the region's trust roots


@dataclass(frozen=True)
class SealCheck:
    """What the validator found; `holder`, `signed_at` and `timestamped_at` when known."""

    state: SealState
    holder: str = ""
    signed_at: datetime.datetime | None = None
    timestamped_at: datetime.datetime | None = None


def pdf_verify(content: bytes) -> SealCheck:
    """Validate the first signature of `content` (the seal: documents carry one) and any
    document timestamp after it."""
    return outside_event_loop(partial(_verify, content))


def _verify(content: bytes) -> SealCheck:
    try:
        reader = PdfFileReader(BytesIO(content), strict=False)
        signatures = reader.embedded_regular_signatures
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError) as error:
        logger.info("Unreadable PDF offered for verification: %r", error)
        return SealCheck(SealState.UNREADABLE)
    if not signatures:
        return SealCheck(SealState.UNSEALED)
    context = ValidationContext(trust_roots=list(seal_key().trust_roots), allow_fetching=False)
    try:
        status = validate_pdf_signature(signatures[0], signer_validation_context=context)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        logger.info("A signature that cannot be validated: %r", error)
        return SealCheck(SealState.CHANGED)
    holder = str(status.signing_cert.subject.native.get("common_name", ""))
    if not status.intact or not status.valid or not _covers_all(status):
        return SealCheck(SealState.CHANGED, holder=holder)
    if not status.trusted:
        return SealCheck(SealState.FOREIGN, holder=holder, signed_at=status.signer_reported_dt)
    return SealCheck(
        SealState.VALID,
        holder=holder,
        signed_at=status.signer_reported_dt,
        timestamped_at=_timestamped_at(reader, context),
    )


def _covers_all(status: object) -> bool:
    coverage = getattr(status, "coverage", None)
    if coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    return (
        coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and getattr(status, "modification_level", None) in _ALLOWED_AFTER_SEAL
    )


def _timestamped_at(reader: PdfFileReader, context: ValidationContext) -> datetime.datetime | None:
    """The time of a valid document timestamp covering the whole file, by an authority
    under the trust roots (SEAL_TRUST_ROOTS), if there is one."""
    for stamp in reader.embedded_timestamp_signatures:
        status = validate_pdf_timestamp(stamp, validation_context=context)
        trusted = status.intact and status.valid and status.trusted
        if trusted and status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
            return status.timestamp
    return None
