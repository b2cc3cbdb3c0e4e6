"""How the API turns refusals into responses — the same mapping as the web
(`backend/web/outcomes.py`), as a machine-readable body:

    {"code": "conflict", "detail": "…", "errors": {"non_field_errors": ["…"]}}

bad input → 400 `invalid` with field errors · no or bad credentials → 401 · the rules forbid →
403 `forbidden` · outside the caller's scope → 404 `not_found` · the state does not allow it →
409 `conflict` · changed since the client read it → 409 `stale_version` · a file over the
limit → 413 `too_large` · too many requests → 429 `throttled`. Messages are translated
(`Accept-Language`).
"""

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from backend.machines.errors import TransitionConflict, TransitionForbidden
from backend.machines.versioning import StaleVersion

NON_FIELD = "non_field_errors"
TOO_LARGE_CODES = {"attachment_size"}
RENAMED_CODES = {"permission_denied": "forbidden"}


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The upload is too large.")
    default_code = "too_large"


def error_body(code: str, detail: str, errors: dict[str, list[str]] | None = None) -> dict:
    return {"code": code, "detail": detail, "errors": errors or {}}


def _response(status_code: int, code: str, detail: str, errors: Any = None, **kw: Any) -> Response:
    return Response(error_body(code, detail, errors), status=status_code, **kw)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's EXCEPTION_HANDLER: every refusal in the one body shape; None → a real 500."""
    response = _refusal(exc)
    if response is not None:
        set_rollback()
    return response


def _refusal(exc: Exception) -> Response | None:
    if isinstance(exc, TransitionConflict):
        code = "stale_version" if isinstance(exc, StaleVersion) else "conflict"
        return _response(409, code, " ".join(exc.reasons), {NON_FIELD: exc.reasons})
    if isinstance(exc, TransitionForbidden | PermissionDenied):
        detail = str(exc) or _("You are not allowed to perform this action.")
        return _response(403, "forbidden", detail)
    if isinstance(exc, DjangoValidationError):
        return _validation(exc)
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        return _response(404, "not_found", _("Not found."))
    if isinstance(exc, RequestDataTooBig):
        return _response(413, "too_large", _("The request is too large."))
    if isinstance(exc, exceptions.APIException):
        return _api_exception(exc)
    return None


def _validation(exc: DjangoValidationError) -> Response:
    if TOO_LARGE_CODES & set(_codes(exc)):
        errors = _django_errors(exc)
        return _response(413, "too_large", " ".join(_flat(errors)), errors)
    errors = _django_errors(exc)
    return _response(400, "invalid", " ".join(_flat(errors)), errors)


def _codes(exc: DjangoValidationError) -> Iterator[str | None]:
    if hasattr(exc, "error_dict"):
        for errors in exc.error_dict.values():
            for error in errors:
                yield error.code
    else:
        for error in exc.error_list:
            yield error.code


def _django_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            (NON_FIELD if field == "__all__" else field): [str(m) for m in messages]
            for field, messages in exc.message_dict.items()
        }
    return {NON_FIELD: [str(message) for message in exc.messages]}


def _flat(errors: dict[str, list[str]]) -> list[str]:
    return [message for messages in errors.values() for message in messages]


def _api_exception(exc: exceptions.APIException) -> Response:
    headers = {}
    # NotAuthenticated and AuthenticationFailed carry `auth_header`, Throttled `wait`.
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        headers["WWW-Authenticate"] = auth_header
    wait = getattr(exc, "wait", None)
    if wait:
        headers["Retry-After"] = str(int(wait))
    if isinstance(exc, exceptions.ValidationError):
        errors = _drf_errors(exc.detail)
        return _response(400, "invalid", " ".join(_flat(errors)), errors, headers=headers)
    code = exc.default_code if isinstance(exc.detail, list | dict) else exc.detail.code
    code = RENAMED_CODES.get(str(code), str(code))
    return _response(exc.status_code, code, str(exc.detail), headers=headers)


def _drf_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as `{"field" or "field.sub" or "field.0": [messages]}`."""
    if isinstance(detail, dict):
        errors: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = NON_FIELD if key in (NON_FIELD, "__all__") and not prefix else str(key)
            errors.update(
                _drf_errors(value, f"{prefix}{name}" if not prefix else f"{prefix}.{name}")
            )
        return errors
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return {prefix or NON_FIELD: [str(item) for item in detail]}
        errors = {}
        for index, item in enumerate(detail):
            if item:
                errors.update(_drf_errors(item, f"{prefix}.{index}" if prefix else str(index)))
        return errors
    return {prefix or NON_FIELD: [str(detail)]}
