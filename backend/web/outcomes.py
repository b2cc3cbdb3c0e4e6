"""How the web turns a service's or action's refusal into a response: the same mapping
everywhere (forbidden → 403, conflict → 409 with the reasons, bad input → form errors)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from backend.accounts.rules import roles_of
from backend.machines.errors import TransitionConflict, TransitionForbidden


def require_regional_office(request: HttpRequest) -> None:
    """The page is the regional office's: 403 for everyone else, before anything is read."""
    if not roles_of(request.user).region_ids:
        raise PermissionDenied


class Refused(Exception):
    """The action was refused; `status` is the HTTP status to render the page with."""

    def __init__(self, status: int) -> None:
        self.status = status


def attempt(
    request: HttpRequest,
    action: Callable[[], Any],
    *,
    success: str,
    form: forms.BaseForm | None = None,
) -> Any:
    """Run `action`; on success flash `success`. Refusals become messages or form errors and
    raise `Refused` with the status the page should be rendered with."""
    try:
        result = action()
    except (TransitionForbidden, PermissionDenied) as error:
        raise PermissionDenied(str(error)) from error
    except TransitionConflict as error:
        for reason in error.reasons:
            messages.error(request, reason)
        raise Refused(409) from error
    except ValidationError as error:
        if form is not None:
            _add_errors(form, error)
        else:
            for message in error.messages:
                messages.error(request, message)
        raise Refused(400) from error
    messages.success(request, success)
    return result


def _add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
