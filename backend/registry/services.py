"""Writes of the registry: a provider's social services."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from backend.accounts.rules import roles_of
from backend.registry.models import Provider, SocialService


def service_create(*, by: Any, provider: Provider, **fields: Any) -> SocialService:
    """Add a (planned or registered) service of the user's provider; the capacity unit
    follows from its type and form."""
    if provider.pk not in roles_of(by).provider_ids:
        raise PermissionDenied(_("You can add services only to your own organisation."))
    relations = {name: fields.pop(name) for name in ("target_groups", "orps") if name in fields}
    service = SocialService(provider=provider, **fields)
    if service.service_type_id and service.form:
        service.capacity_unit = service.service_type.unit_for_form(service.form)
    with transaction.atomic():
        service.full_clean()
        service.save()
        for name, values in relations.items():
            getattr(service, name).set(values)
    return service


def provider_create(*, by: Any, **fields: Any) -> Provider:
    """The regional office registers a provider (the IČ is checked)."""
    if not roles_of(by).region_ids:
        raise PermissionDenied(_("Only the regional office registers providers."))
    provider = Provider(**fields)
    provider.full_clean()
    provider.save()
    return provider
