"""A call's configuration for its regional office: the request forms, their required
documents, and copying the configuration of another call (docs/call-setup.md)."""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from backend.calls.models import Call
from backend.calls.selectors import call_list_for_user
from backend.callsetup.forms import CopySetupForm, RequestFormForm, RequiredDocumentForm
from backend.callsetup.models import RequestForm, RequiredDocument
from backend.callsetup.selectors import call_list_copy_sources, request_form_list
from backend.callsetup.services import (
    DOCUMENT_FIELDS,
    FORM_FIELDS,
    call_setup_copy,
    request_form_create,
    request_form_delete,
    request_form_update,
    required_document_create,
    required_document_delete,
    required_document_update,
    setup_edit_refusals,
)
from backend.web.outcomes import Refused, attempt, require_regional_office


def _call(request: HttpRequest, call_id: int) -> Call:
    """The call of the officer's region (403 for other roles, 404 for another region's)."""
    require_regional_office(request)
    try:
        return call_list_for_user(user=request.user).get(pk=call_id)
    except Call.DoesNotExist as error:
        raise Http404 from error


def _form(call: Call, form_id: int) -> RequestForm:
    return get_object_or_404(RequestForm.objects.select_related("call"), pk=form_id, call=call)


def _list_page(
    request: HttpRequest, call: Call, *, status: int = 200, copy_form: CopySetupForm | None = None
) -> HttpResponse:
    sources = call_list_copy_sources(call=call)
    return render(
        request,
        "callsetup/form_list.html",
        {
            "call": call,
            "forms": request_form_list(call=call),
            "refusals": setup_edit_refusals(call=call),
            "copy_form": copy_form or CopySetupForm(sources=sources),
        },
        status=status,
    )


def _save(
    request: HttpRequest,
    form: forms.ModelForm,
    fields: Iterable[str],
    save: Callable[[dict[str, Any]], object],
    *,
    success: str,
) -> int | None:
    """Run `save` with the posted form's `fields` once the form is valid; None when saved,
    else the status to render the page with (200 unposted, 400 invalid, the refusal's)."""
    if request.method != "POST":
        return 200
    if not form.is_valid():
        return 400
    data = {name: form.cleaned_data[name] for name in fields}
    try:
        attempt(request, lambda: save(data), success=success, form=form)
    except Refused as refused:
        return refused.status
    return None


@login_required
def form_list(request: HttpRequest, call_id: int) -> HttpResponse:
    return _list_page(request, _call(request, call_id))


@login_required
def form_edit(request: HttpRequest, call_id: int, form_id: int | None = None) -> HttpResponse:
    call = _call(request, call_id)
    instance = _form(call, form_id) if form_id else None
    form = RequestFormForm(request.POST or None, instance=instance)
    status = _save(
        request,
        form,
        FORM_FIELDS,
        (lambda data: request_form_update(form=instance, by=request.user, **data))
        if instance
        else (lambda data: request_form_create(call=call, by=request.user, **data)),
        success=_("The request form was saved."),
    )
    if status is None:
        return redirect("callsetup:forms", call.pk)
    context = {"call": call, "form": form, "request_form": instance}
    return render(request, "callsetup/form_edit.html", context, status=status)


@login_required
@require_POST
def form_delete(request: HttpRequest, call_id: int, form_id: int) -> HttpResponse:
    call = _call(request, call_id)
    instance = _form(call, form_id)
    try:
        attempt(
            request,
            lambda: request_form_delete(form=instance, by=request.user),
            success=_("The request form was deleted."),
        )
    except Refused as refused:
        return _list_page(request, call, status=refused.status)
    return redirect("callsetup:forms", call.pk)


@login_required
def document_edit(
    request: HttpRequest, call_id: int, form_id: int, required_document_id: int | None = None
) -> HttpResponse:
    call = _call(request, call_id)
    request_form = _form(call, form_id)
    instance = (
        get_object_or_404(RequiredDocument, pk=required_document_id, form=request_form)
        if required_document_id
        else None
    )
    form = RequiredDocumentForm(request.POST or None, instance=instance)
    status = _save(
        request,
        form,
        DOCUMENT_FIELDS,
        (lambda data: required_document_update(document=instance, by=request.user, **data))
        if instance
        else (lambda data: required_document_create(form=request_form, by=request.user, **data)),
        success=_("The required document was saved."),
    )
    if status is None:
        return redirect("callsetup:forms", call.pk)
    context = {"call": call, "request_form": request_form, "form": form, "document": instance}
    return render(request, "callsetup/document_edit.html", context, status=status)


@login_required
@require_POST
def document_delete(
    request: HttpRequest, call_id: int, form_id: int, required_document_id: int
) -> HttpResponse:
    call = _call(request, call_id)
    document = get_object_or_404(
        RequiredDocument.objects.select_related("form__call"),
        pk=required_document_id,
        form=_form(call, form_id),
    )
    try:
        attempt(
            request,
            lambda: required_document_delete(document=document, by=request.user),
            success=_("The required document was removed."),
        )
    except Refused as refused:
        return _list_page(request, call, status=refused.status)
    return redirect("callsetup:forms", call.pk)


@login_required
@require_POST
def setup_copy(request: HttpRequest, call_id: int) -> HttpResponse:
    call = _call(request, call_id)
    copy_form = CopySetupForm(request.POST, sources=call_list_copy_sources(call=call))
    if not copy_form.is_valid():
        return _list_page(request, call, status=400, copy_form=copy_form)
    try:
        attempt(
            request,
            lambda: call_setup_copy(
                source=copy_form.cleaned_data["source"], target=call, by=request.user
            ),
            success=_("The configuration was copied."),
            form=copy_form,
        )
    except Refused as refused:
        return _list_page(request, call, status=refused.status, copy_form=copy_form)
    return redirect("callsetup:forms", call.pk)
