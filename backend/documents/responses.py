"""A stored document as an HTTP download, for the pages and the API alike."""

from django.http import HttpRequest, HttpResponse

from backend.audit.models import AccessChannel
from backend.audit.services import access_record
from backend.documents.models import Document
from backend.documents.services import document_read


def pdf_response(
    document: Document, *, request: HttpRequest, channel: str = AccessChannel.WEB
) -> HttpResponse:
    """The verified stored bytes as an attachment, with the checksum in a header; the
    download is logged (who read which document)."""
    response = HttpResponse(document_read(document=document), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["X-Content-SHA256"] = document.sha256
    response["X-Content-Type-Options"] = "nosniff"
    access_record(
        user=request.user,
        plan_id=document.plan_id,
        document=document,
        filename=document.filename,
        channel=channel,
    )
    return response
