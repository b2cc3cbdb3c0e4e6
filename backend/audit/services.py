"""Writes to the audit trail: the document access log."""

from collections.abc import Sequence
from typing import Any

from backend.audit.models import AccessChannel, AccessKind, AttachmentAccess


def access_record(
    *,
    user: Any,
    plan_id: int | None,
    filename: str,
    channel: str = AccessChannel.WEB,
    attachment: Any = None,
    document: Any = None,
    resolution: Any = None,
) -> AttachmentAccess:
    """Log that `user` downloaded one document of a plan (an attachment, a generated PDF or
    a council resolution's scan). Called by every download view, web and API."""
    if attachment is not None:
        kind = AccessKind.ATTACHMENT
    elif document is not None:
        kind = AccessKind.DOCUMENT
    else:
        kind = AccessKind.RESOLUTION
    return AttachmentAccess.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        plan_id=plan_id,
        kind=kind,
        attachment=attachment,
        document=document,
        resolution=resolution,
        filename=filename[:255],
        channel=channel,
    )


def access_record_documents(
    *, user: Any, documents: Sequence[Any], channel: str = AccessChannel.WEB
) -> list[AttachmentAccess]:
    """Log that `user` received many generated documents at once (a records package): one
    row per document, as if each were downloaded, written in one insert."""
    who = user if getattr(user, "is_authenticated", False) else None
    return AttachmentAccess.objects.bulk_create(
        [
            AttachmentAccess(
                user=who,
                plan_id=document.plan_id,
                kind=AccessKind.DOCUMENT,
                document=document,
                filename=document.filename[:255],
                channel=channel,
            )
            for document in documents
        ]
    )
