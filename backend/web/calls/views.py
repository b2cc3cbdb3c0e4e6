"""Calls for the regional office: list, create, edit deadlines before opening, timeline,
the records package of a closed call."""

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from backend.accounts.rules import roles_of
from backend.announcements.forms import CallDocumentForm
from backend.announcements.selectors import call_document_list
from backend.calls.forms import CallForm
from backend.calls.models import Call
from backend.calls.selectors import call_list_for_user, call_state_counts
from backend.calls.services import CALL_FIELDS, call_create, call_edit_refusals, call_update
from backend.calls.timeline import call_gantt
from backend.documents.records_package import RecordsPackageRefused, records_package_refusal
from backend.documents.responses import records_package_response
from backend.registry.models import PlanningScheme
from backend.web.outcomes import Refused, attempt, require_regional_office


def _call(request: HttpRequest, call_id: int) -> Call:
    try:
        return call_list_for_user(user=request.user).get(pk=call_id)
    except Call.DoesNotExist as error:
        raise Http404 from error


@login_required
def call_list(request: HttpRequest) -> HttpResponse:
    require_regional_office(request)
    return render(request, "calls/call_list.html", {"calls": call_list_for_user(user=request.user)})


@login_required
def call_detail(request: HttpRequest, call_id: int) -> HttpResponse:
    require_regional_office(request)
    return detail_page(request, _call(request, call_id))


def detail_page(
    request: HttpRequest,
    call: Call,
    status: int = 200,
    document_form: CallDocumentForm | None = None,
) -> HttpResponse:
    steps = [
        (_("Opinion deadline"), call.opinion_deadline),
        (_("Council deadline"), call.council_deadline),
        (_("Decision date"), call.decision_date),
    ]
    return render(
        request,
        "calls/call_detail.html",
        {
            "call": call,
            "steps": steps,
            "counts": call_state_counts(call=call),
            "gantt": call_gantt(call=call),
            "documents": call_document_list(call=call),
            "document_form": document_form or CallDocumentForm(),
            "records_package_refusal": records_package_refusal(call=call),
        },
        status=status,
    )


@login_required
def call_form(request: HttpRequest, call_id: int | None = None) -> HttpResponse:
    require_regional_office(request)
    call = _call(request, call_id) if call_id else None
    refusals = call_edit_refusals(call=call) if call and request.method != "POST" else []
    if call and refusals:
        # No form for a call that cannot change any more: its page says why. (A POST keeps
        # the user's input in the form with the reason, e.g. when the call opened since.)
        for reason in refusals:
            messages.error(request, reason)
        return detail_page(request, call, status=409)
    form = CallForm(request.POST or None, instance=call)
    schemes = cast("forms.ModelChoiceField[PlanningScheme]", form.fields["planning_scheme"])
    schemes.queryset = PlanningScheme.objects.filter(
        region_id__in=roles_of(request.user).region_ids
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in CALL_FIELDS}
        try:
            saved = attempt(
                request,
                (lambda: call_update(call=call, by=request.user, **data))
                if call
                else (lambda: call_create(by=request.user, **data)),
                success=_("The call was saved."),
                form=form,
            )
        except Refused as refused:
            return render(
                request, "calls/call_form.html", {"form": form, "call": call}, status=refused.status
            )
        return redirect("calls:detail", saved.pk)
    return render(
        request,
        "calls/call_form.html",
        {"form": form, "call": call},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def call_records_export(request: HttpRequest, call_id: int) -> HttpResponseBase:
    """The closed call's records package (ZIP: manifest, PDFs, checksums) for the records
    service. Refused (409, the call's page with the reason) while the call is open, and when
    a stored document is missing or fails its checksum."""
    require_regional_office(request)
    call = _call(request, call_id)
    try:
        return records_package_response(call, request=request)
    except RecordsPackageRefused as refused:
        messages.error(request, str(refused))
        return detail_page(request, call, status=409)
