"""Keep the register's stored sort key current when what it is made of changes: a service's
name or § type, a period's years, a § type's order (reference data, changed by migrations)."""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from backend.calls.models import NetworkPeriod
from backend.network.models import NetworkEntry
from backend.registry.models import ServiceType, SocialService


@receiver(post_save, sender=SocialService, dispatch_uid="network_sort_key_service")
def service_saved(sender: Any, instance: SocialService, created: bool, **kwargs: Any) -> None:
    if not created:
        NetworkEntry.objects.filter(service=instance).refresh_sort_keys()


@receiver(post_save, sender=NetworkPeriod, dispatch_uid="network_sort_key_period")
def period_saved(sender: Any, instance: NetworkPeriod, created: bool, **kwargs: Any) -> None:
    if not created:
        NetworkEntry.objects.filter(period=instance).refresh_sort_keys()


@receiver(post_save, sender=ServiceType, dispatch_uid="network_sort_key_service_type")
def service_type_saved(sender: Any, instance: ServiceType, created: bool, **kwargs: Any) -> None:
    if not created:
        NetworkEntry.objects.filter(service__service_type=instance).refresh_sort_keys()
