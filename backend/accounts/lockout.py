"""Login lockout (django-axes) and what a locked-out login sees: the login page with a plain
message, status 429.

Two limits, both for the cool-off time: AXES_FAILURE_LIMIT failures of one username from one
address, and AXES_ADDRESS_FAILURE_LIMIT failures from one address over all usernames (password
spraying: a few guesses at many accounts). Both count whether the account exists or not, so
the message tells nothing about the account. A regional administrator unlocks in the admin
(Axes → Access attempts: delete the rows) or with `manage.py axes_reset_username <name>` /
`axes_reset_ip <address>`.
"""

import math
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext


def address_failures(request: HttpRequest) -> int:
    """Failed logins from the request's client address within the cool-off time, over all
    usernames."""
    address = getattr(request, "axes_ip_address", None)
    if not address:
        return 0
    attempts = AccessAttempt.objects.filter(
        ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def address_locked_out(request: HttpRequest) -> bool:
    return address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT


class AddressLimitHandler(AxesDatabaseHandler):
    """AXES_HANDLER: axes' database handler (per username and address) plus the limit per
    address over all usernames.

    Not axes' own `"ip_address"` lockout parameter: with one failure limit for both it would
    lock a whole office behind one address after five typos, and a successful login resets
    the attempts of every lockout parameter — one known password would clear a sprayer's
    count. Here a success clears only its username's failures (AXES_RESET_ON_SUCCESS)."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if address_locked_out(request):
            # Axes locks out when the failures reach the (per-username) limit.
            return max(failures, get_failure_limit(request, credentials))
        return failures


def cooloff_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def cooloff_minutes() -> int:
    return max(1, math.ceil(cooloff_seconds() / 60))


def lockout_message(request: HttpRequest | None = None) -> str:
    """The lockout's reason: this address (password spraying) or this username."""
    minutes = cooloff_minutes()
    if request is not None and address_locked_out(request):
        return ngettext(
            "Too many failed attempts to log in from your network address. Try again in "
            "%(minutes)d minute, or ask the regional office for help.",
            "Too many failed attempts to log in from your network address. Try again in "
            "%(minutes)d minutes, or ask the regional office for help.",
            minutes,
        ) % {"minutes": minutes}
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
    context = {
        "form": form,
        "lockout": lockout_message(request),
        "next": request.POST.get("next", ""),
    }
    return render(request, "registration/login.html", context, status=429)
