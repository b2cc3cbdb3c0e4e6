"""The follow-up of reservations: the provider's statement and the regional office's
finding on the register entry's page, the office's list of reservations under follow-up."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.accounts.requests import AuthenticatedHttpRequest
from backend.core.deadlines import local_date
from backend.core.paging import StablePaginator
from backend.network.choices import RESERVATION_LEVELS
from backend.network.models import NetworkEntry
from backend.plans.selectors import entry_get_public
from backend.plans.uploads import download_response, form_with_refused_upload
from backend.remedies.forms import (
    ConfirmForm,
    FollowUpFilterForm,
    NotRemediedForm,
    StatementForm,
)
from backend.remedies.models import RemedyOutcome, RemedyStatementAttachment
from backend.remedies.rules import may_decide_remedy, may_send_statement
from backend.remedies.selectors import (
    remedy_entry_get_for_user,
    remedy_list_for_office,
    remedy_statement_list,
)
from backend.remedies.services import remedy_confirm, remedy_not_remedied, remedy_statement_send
from backend.web.outcomes import Refused, attempt, require_regional_office


def followup_context(request: HttpRequest, entry: NetworkEntry, **forms_: Any) -> dict[str, Any]:
    """What the entry's page shows of the follow-up to whoever may see it (nothing to the
    public): the statements, the findings, and the forms the user may use."""
    user = request.user
    sends, decides = may_send_statement(user, entry), may_decide_remedy(user, entry)
    if not (sends or decides):
        return {}
    open_reservation = entry.level in RESERVATION_LEVELS
    return {
        "followup": True,
        "statements": remedy_statement_list(entry=entry),
        "findings": RemedyOutcome.objects.filter(entry=entry).select_related("recorded_by"),
        "open_reservation": open_reservation,
        "statement_form": (forms_.get("statement_form") or StatementForm())
        if sends and open_reservation
        else None,
        "confirm_form": (forms_.get("confirm_form") or ConfirmForm())
        if decides and open_reservation
        else None,
        "not_remedied_form": (forms_.get("not_remedied_form") or NotRemediedForm())
        if decides and open_reservation
        else None,
    }


def _entry(request: HttpRequest, entry_id: int) -> NetworkEntry:
    try:
        return remedy_entry_get_for_user(user=request.user, entry_id=entry_id)
    except NetworkEntry.DoesNotExist as error:
        raise Http404 from error


def _entry_page(request: HttpRequest, entry: NetworkEntry, status: int, **forms_: Any) -> Any:
    public = entry_get_public(entry_id=entry.pk)
    context = {"entry": public, **followup_context(request, public, **forms_)}
    return render(request, "network/entry_detail.html", context, status=status)


def _act(
    request: HttpRequest,
    entry: NetworkEntry,
    name: str,
    form: forms.Form,
    action: Callable[[], Any],
    success: str,
) -> HttpResponse:
    if not form.is_valid():
        return _entry_page(request, entry, 400, **{name: form})
    try:
        attempt(request, action, success=success, form=form)
    except Refused as refused:
        return _entry_page(request, entry, refused.status, **{name: form})
    return redirect("network:entry", entry.pk)


@login_required
@require_POST
def statement_send(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry(request, entry_id)
    form = form_with_refused_upload(
        StatementForm(request.POST, request.FILES), request, "documents"
    )
    return _act(
        request,
        entry,
        "statement_form",
        form,
        lambda: remedy_statement_send(
            entry=entry,
            by=request.user,
            text=form.cleaned_data["text"],
            documents=form.cleaned_data["documents"],
        ),
        _("The statement was sent to the regional office."),
    )


@login_required
@require_POST
def remedy_confirm_view(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry(request, entry_id)
    form = ConfirmForm(request.POST)
    return _act(
        request,
        entry,
        "confirm_form",
        form,
        lambda: remedy_confirm(entry=entry, by=request.user, **form.cleaned_data),
        _("The remedy was confirmed; the service is included."),
    )


@login_required
@require_POST
def remedy_not_remedied_view(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry = _entry(request, entry_id)
    form = NotRemediedForm(request.POST)
    return _act(
        request,
        entry,
        "not_remedied_form",
        form,
        lambda: remedy_not_remedied(entry=entry, by=request.user, **form.cleaned_data),
        _("It was recorded that the reservation was not remedied."),
    )


@login_required
def statement_document(request: HttpRequest, entry_id: int, attachment_id: int) -> FileResponse:
    """A statement's document, for the provider and the regional office only."""
    entry = _entry(request, entry_id)
    attachment = get_object_or_404(
        RemedyStatementAttachment, pk=attachment_id, statement__entry=entry
    )
    return download_response(attachment.file.open("rb"), filename=attachment.original_name)


@login_required
def remedy_list(request: HttpRequest) -> HttpResponse:
    """The regional office's reservations under follow-up (filter: due soon, overdue,
    statement received)."""
    require_regional_office(request)
    form = FollowUpFilterForm(request.GET)
    which = form.cleaned_data["which"] if form.is_valid() else ""
    today = local_date(timezone.now())
    entries = remedy_list_for_office(user=request.user, today=today, which=which)
    page = StablePaginator(entries, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "today": today}
    return render(request, "remedies/remedy_list.html", context)
