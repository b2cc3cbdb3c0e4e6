"""A call's public page (deadlines and documents), its documents' management by the regional
office, and the call subscriptions of providers and municipal officers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.announcements.forms import CallDocumentForm, SubscriptionForm
from backend.announcements.models import CallDocument
from backend.announcements.selectors import (
    call_document_get_public,
    call_document_list,
    call_get_public,
    call_list_public,
    subscription_effective,
)
from backend.announcements.services import (
    call_document_add,
    call_document_delete,
    subscription_set,
)
from backend.calls.models import Call
from backend.calls.selectors import call_list_for_user
from backend.plans.uploads import download_response, form_with_refused_upload
from backend.web.calls.views import detail_page
from backend.web.outcomes import Refused, attempt, require_regional_office


def _public_call(call_id: int) -> Call:
    try:
        return call_get_public(call_id=call_id)
    except Call.DoesNotExist as error:
        raise Http404 from error


def call_public_list(request: HttpRequest) -> HttpResponse:
    """Every announced call, newest first (public)."""
    return render(request, "calls/public_list.html", {"calls": call_list_public()})


def call_public(request: HttpRequest, call_id: int) -> HttpResponse:
    """The call as announced: its window, deadlines, service types and documents (public)."""
    call = _public_call(call_id)
    return render(request, "calls/public_detail.html", _public_context(call))


def _public_context(call: Call) -> dict[str, object]:
    steps = [
        (_("Submissions open"), call.opens_at, True),
        (_("Submissions close"), call.closes_at, True),
        (_("Opinion deadline"), call.opinion_deadline, False),
        (_("Council deadline"), call.council_deadline, False),
        (_("Decision date"), call.decision_date, False),
        (_("Registration must be in force by"), call.registration_cutoff, False),
    ]
    return {
        "call": call,
        "steps": [step for step in steps if step[1] is not None],
        "documents": call_document_list(call=call),
        "service_types": list(call.service_types.all()),
    }


def call_document_download(
    request: HttpRequest, call_id: int, call_document_id: int
) -> FileResponse:
    """A call's document, for anyone (calls are public announcements)."""
    try:
        document = call_document_get_public(call_id=call_id, document_id=call_document_id)
    except CallDocument.DoesNotExist as error:
        raise Http404 from error
    return download_response(document.file.open("rb"), filename=document.original_name)


def _managed_call(request: HttpRequest, call_id: int) -> Call:
    require_regional_office(request)
    try:
        return call_list_for_user(user=request.user).get(pk=call_id)
    except Call.DoesNotExist as error:
        raise Http404 from error


@login_required
@require_POST
def call_document_upload(request: HttpRequest, call_id: int) -> HttpResponse:
    """Publish a document with the call (regional office); a refused file keeps the title."""
    call = _managed_call(request, call_id)
    form = form_with_refused_upload(CallDocumentForm(request.POST, request.FILES), request)
    if form.is_valid():
        try:
            attempt(
                request,
                lambda: call_document_add(
                    call=call,
                    by=request.user,
                    title=form.cleaned_data["title"],
                    file=form.cleaned_data["file"],
                ),
                success=_("The document was published with the call."),
                form=form,
            )
            return redirect("calls:detail", call.pk)
        except Refused:
            pass
    return detail_page(request, call, status=400, document_form=form)


@login_required
@require_POST
def call_document_remove(request: HttpRequest, call_id: int, call_document_id: int) -> HttpResponse:
    call = _managed_call(request, call_id)
    try:
        document = call.documents.get(pk=call_document_id)
    except CallDocument.DoesNotExist as error:
        raise Http404 from error
    attempt(
        request,
        lambda: call_document_delete(document=document, by=request.user),
        success=_("The document was taken off the call."),
    )
    return redirect("calls:detail", call.pk)


@login_required
def subscriptions(request: HttpRequest) -> HttpResponse:
    """ "Call subscriptions": the service types whose calls the user hears of."""
    if not request.user.has_perm("announcements.manage_subscription"):
        raise PermissionDenied(_("Only providers and municipal officers subscribe to calls."))
    current = subscription_effective(user=request.user)
    initial = {"all_types": current.all_types, "service_types": list(current.type_ids)}
    form = SubscriptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        subscription_set(
            user=request.user,
            by=request.user,
            all_types=form.cleaned_data["all_types"],
            service_types=form.cleaned_data["service_types"],
        )
        messages.success(request, _("Your call subscription was saved."))
        return redirect("calls:subscriptions")
    context = {"form": form, "subscription": current}
    return render(request, "calls/subscriptions.html", context, status=400 if form.errors else 200)
