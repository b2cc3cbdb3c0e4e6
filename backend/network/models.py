"""The network register: which services are in the basic network for a period, and how their
capacity changed over time."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.registry.choices import CapacityUnit, ServiceForm
from workflows.plan_review.states import INCLUDED_STATES


class NetworkEntry(models.Model):
    """A service in the basic network of one period, with its current capacity."""

    service = models.ForeignKey(
        "registry.SocialService",
        on_delete=models.PROTECT,
        related_name="network_entries",
        verbose_name=_("service"),
    )
    period = models.ForeignKey(
        "calls.NetworkPeriod",
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("period"),
    )
    form = models.CharField(_("form"), max_length=12, choices=ServiceForm.choices)
    capacity = models.DecimalField(
        _("capacity"), max_digits=9, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    unit = models.CharField(_("unit"), max_length=10, choices=CapacityUnit.choices)
    orps = models.ManyToManyField(
        "registry.Orp", related_name="network_entries", verbose_name=_("territory (ORPs)")
    )
    status = models.CharField(
        _("status"), max_length=30, choices=[(s.value, s.label) for s in INCLUDED_STATES]
    )
    conditions = models.TextField(_("conditions"), blank=True)
    included_at = models.DateTimeField(_("included at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("network register entry")
        verbose_name_plural = _("network register")
        ordering = ["period", "service__service_type__sort_key", "service__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "period"], name="one_entry_per_service_and_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} – {self.period}: {self.capacity} {self.get_unit_display()}"


class CapacityChange(models.Model):
    """One change of an entry's capacity; rows are appended, never edited."""

    entry = models.ForeignKey(NetworkEntry, on_delete=models.PROTECT, related_name="changes")
    plan = models.ForeignKey(
        "plans.DevelopmentPlan",
        on_delete=models.PROTECT,
        related_name="capacity_changes",
        null=True,
        blank=True,
    )
    capacity_before = models.DecimalField(_("capacity before"), max_digits=9, decimal_places=2)
    capacity_after = models.DecimalField(_("capacity after"), max_digits=9, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=CapacityUnit.choices)
    reason = models.CharField(_("reason"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("capacity change")
        verbose_name_plural = _("capacity changes")
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.entry.service}: {self.capacity_before} → {self.capacity_after}"
