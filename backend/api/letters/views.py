"""A call's letters and e-mails for its regional office: the kinds, the text in force with
its variables, new versions, the history, restoring the default, a preview with a plan."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from backend.accounts.rules import roles_of
from backend.api.letters import serializers
from backend.calls.models import Call
from backend.calls.selectors import call_list_for_user
from backend.documents.previews import letter_preview, letter_preview_plans
from backend.letters.defaults import LetterText, default_text
from backend.letters.kinds import VARIABLES, LetterKind, is_email
from backend.letters.models import LetterTemplate
from backend.letters.selectors import (
    letter_list_for_call,
    letter_list_versions,
    letter_text_in_force,
)
from backend.letters.services import (
    letter_default_restore,
    letter_text_check,
    letter_version_create,
)
from backend.plans.models import DevelopmentPlan


class CallLetterViewSet(viewsets.GenericViewSet):
    """The regional office's letters of a call (others: 403; another region's call: 404)."""

    serializer_class = serializers.LetterSerializer
    pagination_class = None
    # DRF's OPTIONS metadata looks the object up by `pk`; these routes name a call and a kind.
    metadata_class = None
    queryset = LetterTemplate.objects.none()  # for the schema: the views read no queryset

    def _call(self, call_pk: int) -> Call:
        if not roles_of(self.request.user).region_ids:
            raise PermissionDenied
        try:
            return call_list_for_user(user=self.request.user).get(pk=call_pk)
        except Call.DoesNotExist as error:
            raise Http404 from error

    @staticmethod
    def _kind(kind: str) -> LetterKind:
        try:
            return LetterKind(kind)
        except ValueError as error:
            raise Http404 from error

    def _letter(self, call: Call, kind: LetterKind) -> dict[str, Any]:
        version, text = letter_text_in_force(call=call, kind=kind)
        shipped = default_text(kind)
        return {
            "kind": kind.value,
            "label": str(kind.label),
            "is_email": is_email(kind),
            "version": serializers.LetterVersionSerializer(version).data if version else None,
            "subject": text.subject,
            "text": text.text,
            "default_subject": shipped.subject,
            "default_text": shipped.text,
            "variables": serializers.LetterVariableSerializer(VARIABLES[kind], many=True).data,
        }

    @extend_schema(responses=serializers.LetterKindSerializer(many=True))
    def list(self, request: Request, call_pk: int) -> Response:
        """Every kind of letter of the call, edited or not."""
        rows = letter_list_for_call(call=self._call(call_pk))
        return Response(serializers.LetterKindSerializer(rows, many=True).data)

    @extend_schema(responses=serializers.LetterSerializer)
    def retrieve(self, request: Request, call_pk: int, kind: str) -> Response:
        """The text in force, the shipped one and the documented variables."""
        call, letter_kind = self._call(call_pk), self._kind(kind)
        return Response(self._letter(call, letter_kind))

    @extend_schema(
        request=serializers.LetterInputSerializer, responses=serializers.LetterSerializer
    )
    def update(self, request: Request, call_pk: int, kind: str) -> Response:
        """Save a new version (400 with the line and the reason when the text is refused)."""
        call, letter_kind = self._call(call_pk), self._kind(kind)
        data = serializers.LetterInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        letter_version_create(call=call, kind=letter_kind, by=request.user, **data.validated_data)
        return Response(self._letter(call, letter_kind))

    @extend_schema(responses=serializers.LetterVersionSerializer(many=True))
    def versions(self, request: Request, call_pk: int, kind: str) -> Response:
        """Every version, newest first: who, when, what."""
        call, letter_kind = self._call(call_pk), self._kind(kind)
        versions = letter_list_versions(call=call, kind=letter_kind)
        return Response(serializers.LetterVersionSerializer(versions, many=True).data)

    @extend_schema(request=None, responses=serializers.LetterSerializer)
    def restore_default(self, request: Request, call_pk: int, kind: str) -> Response:
        """Put the shipped text in force again (recorded as a new version)."""
        call, letter_kind = self._call(call_pk), self._kind(kind)
        letter_default_restore(call=call, kind=letter_kind, by=request.user)
        return Response(self._letter(call, letter_kind))

    @extend_schema(
        request=serializers.LetterPreviewInputSerializer,
        responses=serializers.LetterPreviewSerializer,
    )
    def preview(self, request: Request, call_pk: int, kind: str) -> Response:
        """The letter for a plan of the call (404: a plan of no other call), from the text in
        force or from an unsaved `text`; nothing is stored."""
        call, letter_kind = self._call(call_pk), self._kind(kind)
        data = serializers.LetterPreviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            plan = letter_preview_plans(call=call).get(pk=data.validated_data["plan"])
        except DevelopmentPlan.DoesNotExist as error:
            raise Http404 from error
        draft = None
        if "text" in data.validated_data:
            draft = LetterText(
                subject=data.validated_data["subject"], text=data.validated_data["text"]
            )
            letter_text_check(kind=letter_kind, text=draft.text, subject=draft.subject)
        preview = letter_preview(kind=letter_kind, plan=plan, draft=draft)
        return Response(serializers.LetterPreviewSerializer(preview).data)
