"""A stored document, or a call's records package, as an HTTP download, for the pages and
the API alike."""

from django.http import FileResponse, HttpRequest, HttpResponse

from backend.audit.models import AccessChannel
from backend.audit.services import access_record, access_record_documents
from backend.calls.models import Call
from backend.documents.models import Document
from backend.documents.records_package import records_package_file, records_package_filename
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


def records_package_response(
    call: Call, *, request: HttpRequest, channel: str = AccessChannel.WEB
) -> FileResponse:
    """The call's records package as a ZIP attachment, streamed from a temporary file.
    Every document in it is logged as read by the user, as its own download would be.
    Raises `RecordsPackageRefused` when the package cannot be made."""
    handle, package = records_package_file(call=call)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=records_package_filename(call=call),
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    access_record_documents(user=request.user, documents=package.documents, channel=channel)
    return response
