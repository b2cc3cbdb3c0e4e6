"""The second login step: between a right password and the TOTP code, the session holds who is
half-way in (not logged in yet) for a few minutes."""

import time
from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest

PENDING_KEY = "accounts_pending_login"
PENDING_SECONDS = 5 * 60


def pending_login_start(request: HttpRequest, user: Any) -> None:
    """Remember that `user` gave the right password in this session."""
    request.session.cycle_key()
    request.session[PENDING_KEY] = {"user": user.pk, "backend": user.backend, "at": time.time()}


def pending_login_user(request: HttpRequest) -> Any | None:
    """The user who gave the right password a moment ago here (with `.backend` set), or None."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    user = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()
    if user is not None:
        user.backend = pending["backend"]
    return user


def pending_login_clear(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)
