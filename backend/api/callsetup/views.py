"""A call's request forms and required documents: read by everyone who may read the call,
written by its region's officers (others: 403; another region's call: 404)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.rules import roles_of
from backend.api.callsetup import serializers as s
from backend.calls.models import Call
from backend.calls.selectors import call_list_for_user, call_list_visible
from backend.callsetup.models import RequestForm, RequiredDocument
from backend.callsetup.selectors import request_form_list
from backend.callsetup.services import (
    call_setup_copy,
    request_form_create,
    request_form_delete,
    request_form_update,
    required_document_create,
    required_document_delete,
    required_document_update,
)


def _visible_call(request: Request, call_id: int) -> Call:
    try:
        return call_list_visible(user=request.user).get(pk=call_id)
    except Call.DoesNotExist as error:
        raise Http404 from error


def _managed_call(request: Request, call_id: int) -> Call:
    """The regional office's own call: 403 for other roles, 404 for another region's."""
    if not roles_of(request.user).region_ids:
        raise PermissionDenied(_("Only the regional office of the call's region configures it."))
    try:
        return call_list_for_user(user=request.user).get(pk=call_id)
    except Call.DoesNotExist as error:
        raise Http404 from error


def _form(call: Call, form_id: int) -> RequestForm:
    return get_object_or_404(request_form_list(call=call), pk=form_id)


def _document(call: Call, form_id: int, required_document_id: int) -> RequiredDocument:
    return get_object_or_404(
        RequiredDocument.objects.select_related("form__call"),
        pk=required_document_id,
        form=_form(call, form_id),
    )


def _form_data(call: Call, form_id: int) -> Any:
    return s.RequestFormSerializer(_form(call, form_id)).data


class RequestFormsView(APIView):
    @extend_schema(responses=s.RequestFormSerializer(many=True))
    def get(self, request: Request, call_id: int) -> Response:
        """The call's request forms with their required documents."""
        forms = request_form_list(call=_visible_call(request, call_id))
        return Response(s.RequestFormSerializer(forms, many=True).data)

    @extend_schema(request=s.RequestFormInput, responses={201: s.RequestFormSerializer})
    def post(self, request: Request, call_id: int) -> Response:
        """Add a request form (the region's officers)."""
        call = _managed_call(request, call_id)
        data = s.RequestFormInput(data=request.data)
        data.is_valid(raise_exception=True)
        form = request_form_create(call=call, by=request.user, **data.validated_data)
        return Response(_form_data(call, form.pk), status=201)


class RequestFormView(APIView):
    @extend_schema(responses=s.RequestFormSerializer)
    def get(self, request: Request, call_id: int, form_id: int) -> Response:
        """One request form with its required documents."""
        return Response(_form_data(_visible_call(request, call_id), form_id))

    @extend_schema(request=s.RequestFormInput(partial=True), responses=s.RequestFormSerializer)
    def patch(self, request: Request, call_id: int, form_id: int) -> Response:
        """Change a form (409 once submitted plans of an open call use it, or the call
        has closed)."""
        call = _managed_call(request, call_id)
        data = s.RequestFormInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        request_form_update(form=_form(call, form_id), by=request.user, **data.validated_data)
        return Response(_form_data(call, form_id))

    @extend_schema(responses={204: None})
    def delete(self, request: Request, call_id: int, form_id: int) -> Response:
        """Delete a form no plan uses (409 otherwise)."""
        call = _managed_call(request, call_id)
        request_form_delete(form=_form(call, form_id), by=request.user)
        return Response(status=204)


class RequiredDocumentsView(APIView):
    @extend_schema(responses=s.RequiredDocumentSerializer(many=True))
    def get(self, request: Request, call_id: int, form_id: int) -> Response:
        """The documents the form requires, in order."""
        form = _form(_visible_call(request, call_id), form_id)
        return Response(s.RequiredDocumentSerializer(form.documents.all(), many=True).data)

    @extend_schema(request=s.RequiredDocumentInput, responses={201: s.RequiredDocumentSerializer})
    def post(self, request: Request, call_id: int, form_id: int) -> Response:
        """Add a required document to the form (the region's officers)."""
        call = _managed_call(request, call_id)
        data = s.RequiredDocumentInput(data=request.data)
        data.is_valid(raise_exception=True)
        document = required_document_create(
            form=_form(call, form_id), by=request.user, **data.validated_data
        )
        return Response(s.RequiredDocumentSerializer(document).data, status=201)


class RequiredDocumentView(APIView):
    @extend_schema(responses=s.RequiredDocumentSerializer)
    def get(
        self, request: Request, call_id: int, form_id: int, required_document_id: int
    ) -> Response:
        """One required document."""
        document = _document(_visible_call(request, call_id), form_id, required_document_id)
        return Response(s.RequiredDocumentSerializer(document).data)

    @extend_schema(
        request=s.RequiredDocumentInput(partial=True), responses=s.RequiredDocumentSerializer
    )
    def patch(
        self, request: Request, call_id: int, form_id: int, required_document_id: int
    ) -> Response:
        """Change a required document."""
        call = _managed_call(request, call_id)
        data = s.RequiredDocumentInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        document = required_document_update(
            document=_document(call, form_id, required_document_id),
            by=request.user,
            **data.validated_data,
        )
        return Response(s.RequiredDocumentSerializer(document).data)

    @extend_schema(responses={204: None})
    def delete(
        self, request: Request, call_id: int, form_id: int, required_document_id: int
    ) -> Response:
        """Remove a required document; files that fulfilled it stay with their plans."""
        call = _managed_call(request, call_id)
        required_document_delete(
            document=_document(call, form_id, required_document_id), by=request.user
        )
        return Response(status=204)


class CopySetupView(APIView):
    @extend_schema(request=s.CopySetupInput, responses=s.RequestFormSerializer(many=True))
    def post(self, request: Request, call_id: int) -> Response:
        """Copy another call's configuration (rules, forms, documents) into this call, which
        must not have opened and have no forms (409 otherwise); the source must be a call
        of the same region (400 otherwise). Answers the forms the call has now."""
        call = _managed_call(request, call_id)
        data = s.CopySetupInput(data=request.data)
        data.is_valid(raise_exception=True)
        source = Call.objects.filter(pk=data.validated_data["source"]).first()
        if source is None:
            raise ValidationError({"source": _("No such call.")})
        call_setup_copy(source=source, target=call, by=request.user)
        return Response(s.RequestFormSerializer(request_form_list(call=call), many=True).data)
