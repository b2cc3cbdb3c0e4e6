"""Sealing an issued PDF: a PAdES signature with the region's seal and a visible stamp, and
a document timestamp when a timestamp authority is configured (docs/seal.md)."""

import datetime
from functools import partial
from io import BytesIO

from django.conf import settings
from django.utils import formats, timezone
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps

from backend.seal.certificates import seal_key
from backend.seal.stamp import FIELD_NAME, field_spec, stamp_style
from backend.seal.threads import outside_event_loop

REASON = "Dokument vydaný krajem"  # the signature's /Reason, read by PDF viewers


def pdf_seal(pdf: bytes, *, reference_number: str) -> bytes:
    """The PDF with the region's seal appended as an incremental update: a PAdES baseline
    signature whose visible stamp names the seal's holder, the time and the reference
    number; then a document timestamp if SEAL_TSA_URL is set. The original bytes are kept
    unchanged at the start of the result."""
    return outside_event_loop(partial(_seal, pdf, reference_number=reference_number))


def _seal(pdf: bytes, *, reference_number: str) -> bytes:
    key = seal_key()
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=REASON,
        location=settings.SEAL_LOCATION,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    signer = signers.PdfSigner(
        metadata, signer=key.signer, stamp_style=stamp_style(), new_field_spec=field_spec()
    )
    sealed = BytesIO()
    signer.sign_pdf(
        IncrementalPdfFileWriter(BytesIO(pdf)),
        output=sealed,
        appearance_text_params={
            "holder": key.holder,
            "when": _when(timezone.now()),
            "reference": reference_number or "–",
        },
    )
    timestamper = tsa_timestamper()
    if timestamper is None:
        return sealed.getvalue()
    stamped = BytesIO()
    signers.PdfTimeStamper(timestamper).timestamp_pdf(
        IncrementalPdfFileWriter(sealed), md_algorithm="sha256", output=stamped
    )
    return stamped.getvalue()


def tsa_timestamper() -> timestamps.TimeStamper | None:
    """The configured timestamp authority (RFC 3161 over HTTP), or None."""
    if not settings.SEAL_TSA_URL:
        return None
    return timestamps.HTTPTimeStamper(settings.SEAL_TSA_URL, timeout=settings.SEAL_TSA_TIMEOUT)


def _when(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j. n. Y H:i:s T")
