"""What a locked-out login sees (django-axes): the login page with a plain message, status 429.

The lockout counts failures per username and address whether the account exists or not, so
the message tells nothing about the account. A regional administrator unlocks it in the admin
(Axes → Access attempts: delete the rows) or with `manage.py axes_reset_username <name>`.
"""

import math
from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext


def cooloff_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def cooloff_minutes() -> int:
    return max(1, math.ceil(cooloff_seconds() / 60))


def lockout_message() -> str:
    minutes = cooloff_minutes()
    return ngettext(
        "Too many failed attempts to log in. Try again in %(minutes)d minute, or ask the "
        "regional office to unlock your account.",
        "Too many failed attempts to log in. Try again in %(minutes)d minutes, or ask the "
        "regional office to unlock your account.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the login page again, with the lockout message instead of the
    form's errors."""
    form = AuthenticationForm(request)
    context = {"form": form, "lockout": lockout_message(), "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=429)
