"""Writes: a user's call subscription, and the documents the regional office publishes with
a call (through the same upload checks as a plan's attachments)."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from backend.announcements.models import CallDocument, CallSubscription
from backend.calls.models import Call
from backend.plans.uploads import display_name
from backend.registry.models import ServiceType


def subscription_set(
    *, user: Any, by: Any, all_types: bool, service_types: Iterable[ServiceType]
) -> CallSubscription:
    """Choose which calls `user` hears of (only the user, a provider's user or a municipal
    officer, may); an empty choice without `all_types` turns the notices off."""
    if by is None or by.pk != user.pk or not by.has_perm("announcements.manage_subscription"):
        raise PermissionDenied(_("Only providers and municipal officers subscribe to calls."))
    with transaction.atomic():
        subscription, _created = CallSubscription.objects.select_for_update().get_or_create(
            user=user
        )
        subscription.all_types = all_types
        subscription.save()
        subscription.service_types.set([] if all_types else list(service_types))
    return subscription


def _require_manager(by: Any, call: Call) -> None:
    if by is None or not by.has_perm("calls.manage_call", call):
        raise PermissionDenied(_("Only the regional office manages calls."))


def call_document_add(*, call: Call, by: Any, title: str, file: File) -> CallDocument:
    """Publish a document with the call; the file is checked by content and size."""
    _require_manager(by, call)
    document = CallDocument(
        call=call,
        title=title,
        file=file,
        original_name=display_name(file.name or ""),
        size=file.size or 0,
        uploaded_by=by,
    )
    document.full_clean()
    document.save()
    return document


def call_document_delete(*, document: CallDocument, by: Any) -> None:
    """Take a document off the call (its file is removed from the storage too)."""
    _require_manager(by, document.call)
    storage, name = document.file.storage, document.file.name
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
