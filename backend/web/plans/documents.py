"""Stored documents (the submitted plan, opinions, the decision) as PDF downloads, and the
councils' uploaded resolutions, only for those who may see the plan."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from backend.audit.services import access_record
from backend.documents.models import Document, DocumentKind
from backend.documents.responses import pdf_response
from backend.documents.selectors import document_get_for_user
from backend.documents.services import document_latest_or_create
from backend.plans.models import CouncilResolution
from backend.plans.selectors import resolution_list_for_user
from backend.plans.uploads import download_response
from backend.web.plans import visible_plan


@login_required
def plan_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The newest stored version of the submitted plan."""
    plan = visible_plan(request.user, plan_id)
    if plan.submitted_at is None:
        raise Http404
    return pdf_response(
        document_latest_or_create(kind=DocumentKind.PLAN, plan=plan), request=request
    )


@login_required
def document_download(request: HttpRequest, document_id: int) -> HttpResponse:
    """Any stored version of a document of a plan the user may see."""
    try:
        document = document_get_for_user(user=request.user, document_id=document_id)
    except Document.DoesNotExist as error:
        raise Http404 from error
    return pdf_response(document, request=request)


@login_required
def resolution_document(request: HttpRequest, resolution_id: int) -> FileResponse:
    """The council's uploaded resolution, for those who may see it (its municipality and
    whoever sees a plan it decided on, as in the API); 404 for everybody else. Served
    through this view, never as a media URL."""
    try:
        resolution = resolution_list_for_user(user=request.user).get(pk=resolution_id)
    except CouncilResolution.DoesNotExist as error:
        raise Http404 from error
    if not resolution.document:
        raise Http404
    filename = resolution.document_filename
    access_record(user=request.user, plan_id=None, resolution=resolution, filename=filename)
    return download_response(resolution.document.open("rb"), filename=filename)
