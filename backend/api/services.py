"""Writes of API tokens: create (the key is returned once), authenticate, revoke."""

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts.rules import roles_of
from backend.api.models import ApiToken
from backend.core import dataversion

ACCESS_ONLY = (dataversion.ACCESS,)
# A token's last use is written at most this often (not on every request).
TOUCH_INTERVAL = dt.timedelta(minutes=1)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_create(
    *, user: Any, name: str, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token of `user`; returns the token and its key (shown only this once)."""
    if not user.is_active:
        raise PermissionDenied(_("An inactive user cannot hold API tokens."))
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry must lie in the future.")})
    key = secrets.token_urlsafe(32)
    token = ApiToken(
        user=user, name=name, prefix=key[:8], digest=_digest(key), expires_at=expires_at
    )
    token.full_clean()
    token.save()
    return token, key


def _token_with_digest(digest: str) -> ApiToken | None:
    """The token with its user and the user's roles (kept with it in the cache)."""
    try:
        token = ApiToken.objects.select_related("user").get(digest=digest)
    except ApiToken.DoesNotExist:
        return None
    roles_of(token.user)
    return token


def token_authenticate(*, key: str, request: Any = None) -> ApiToken | None:
    """The live token with this key (its user active, not expired), or None.

    With the request given, the look-up (with the user's roles) is cached in the process
    under the request's access version (`backend/core/dataversion.py`): a revoked token, a
    deactivated user or a changed membership raises it, so none outlives its commit."""
    digest = _digest(key)
    cache_key = f"token:{digest}"
    if request is None:
        token = _token_with_digest(digest)
    else:
        token = dataversion.versioned_cached(
            request, cache_key, lambda: _token_with_digest(digest), depends_on=ACCESS_ONLY
        )
    now = timezone.now()
    if token is None or not token.user.is_active:
        return None
    if token.expires_at is not None and token.expires_at <= now:
        return None
    if token.last_used_at is None or now - token.last_used_at > TOUCH_INTERVAL:
        # A queryset update: no signal, so recording the use leaves the version alone.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
        if request is not None:
            dataversion.versioned_set(request, cache_key, token, depends_on=ACCESS_ONLY)
    return token


def token_revoke(*, token: ApiToken, by: Any) -> None:
    """Delete a token; only its owner may (others never see it: the API answers 404)."""
    if token.user_id != by.pk:
        raise PermissionDenied(_("You can revoke only your own tokens."))
    token.delete()
