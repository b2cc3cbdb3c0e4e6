"""Writes of API tokens: create (the key is returned once), authenticate, revoke."""

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.api.models import ApiToken

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


def token_authenticate(*, key: str) -> ApiToken | None:
    """The live token with this key (its user active, not expired), or None."""
    try:
        token = ApiToken.objects.select_related("user").get(digest=_digest(key))
    except ApiToken.DoesNotExist:
        return None
    now = timezone.now()
    if token is None or not token.user.is_active:
        return None
    if token.expires_at is not None and token.expires_at <= now:
        return None
    if token.last_used_at is None or now - token.last_used_at > TOUCH_INTERVAL:
        # A queryset update: no signal, so recording the use leaves the version alone.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def token_revoke(*, token: ApiToken, by: Any) -> None:
    """Delete a token; only its owner may (others never see it: the API answers 404)."""
    if token.user_id != by.pk:
        raise PermissionDenied(_("You can revoke only your own tokens."))
    token.delete()
