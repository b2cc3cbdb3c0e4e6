"""The network register: which services are in the basic network for a period, and how their
capacity changed over time."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat, LPad
from django.utils.translation import gettext_lazy as _

from backend.calls.models import NetworkPeriod
from backend.core.free_text import BoundedTextField
from backend.machines.plan_review.states import INCLUDED_STATES
from backend.network.choices import NetworkLevel
from backend.registry.choices import CapacityUnit, ServiceForm
from backend.registry.models import SocialService


def entry_sort_key(*, period: Any, service: Any) -> str:
    """The register's order — period, § type, service name — as one string: "2018" "2020"
    "00012" " " name (fixed-width numbers, so it sorts as the tuple)."""
    return (
        f"{period.start_year:04d}{period.end_year:04d}"
        f"{service.service_type.sort_key:05d} {service.name}"
    )


def sort_key_expression(
    service_model: type[models.Model], period_model: type[models.Model]
) -> Concat:
    """`entry_sort_key` computed in the database, for many entries at once."""
    service = service_model._default_manager.filter(pk=OuterRef("service_id"))
    period = period_model._default_manager.filter(pk=OuterRef("period_id"))

    def padded(query: Any, field: str, width: int) -> LPad:
        value = Subquery(query.values(field)[:1])
        return LPad(Cast(value, CharField()), width, Value("0"))

    return Concat(
        padded(period, "start_year", 4),
        padded(period, "end_year", 4),
        padded(service, "service_type__sort_key", 5),
        Value(" "),
        Subquery(service.values("name")[:1]),
        output_field=CharField(),
    )


class NetworkEntryQuerySet(models.QuerySet):
    def refresh_sort_keys(self) -> int:
        """Recompute the stored sort key (after a service, period or § type changed)."""
        return self.update(sort_key=sort_key_expression(SocialService, NetworkPeriod))


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
    conditions = BoundedTextField(_("conditions"), blank=True)
    level = models.CharField(
        _("level"), max_length=20, choices=NetworkLevel.choices, default=NetworkLevel.INCLUDED
    )
    # A reservation's remedy date (Z1v, Z2v): the provider is reminded before it, the
    # regional office is told when it passes.
    remedy_due = models.DateField(_("remedy by"), null=True, blank=True)
    # What put the entry at its level and capacity: a decision's resolution, or the period's
    # for an entry carried over or imported without one.
    resolution_number = models.CharField(_("resolution number"), max_length=30, blank=True)
    resolution_date = models.DateField(_("resolution date"), null=True, blank=True)
    # The same service's entry in the previous period, when the network was rolled over.
    predecessor = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successor",
        verbose_name=_("entry in the previous period"),
    )
    included_at = models.DateTimeField(_("included at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Period, § type and service name in one indexed column: the register's order without
    # joining and sorting three tables on every page. Kept current by `save` and by the
    # signals of `network.signals` (a renamed service, an edited period or § type).
    sort_key = models.CharField(_("sort key"), max_length=220, default="", editable=False)

    objects = NetworkEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("network register entry")
        verbose_name_plural = _("network register")
        ordering = ["sort_key", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "period"], name="one_entry_per_service_and_period"
            )
        ]
        indexes = [
            models.Index(fields=["sort_key", "id"], name="entry_sort_key_idx"),
            models.Index(fields=["level", "sort_key", "id"], name="entry_level_sort_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.service} – {self.period}: {self.capacity} {self.get_unit_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sort_key = entry_sort_key(period=self.period, service=self.service)
        super().save(*args, **kwargs)


class CapacityChange(models.Model):
    """One change of an entry's capacity; rows are appended, never edited."""

    entry = models.ForeignKey(
        NetworkEntry,
        on_delete=models.PROTECT,
        related_name="changes",
        verbose_name=_("register entry"),
    )
    plan = models.ForeignKey(
        "plans.DevelopmentPlan",
        on_delete=models.PROTECT,
        verbose_name=_("development plan"),
        related_name="capacity_changes",
        null=True,
        blank=True,
    )
    capacity_before = models.DecimalField(_("capacity before"), max_digits=9, decimal_places=2)
    capacity_after = models.DecimalField(_("capacity after"), max_digits=9, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=CapacityUnit.choices)
    reason = models.CharField(_("reason"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("capacity change")
        verbose_name_plural = _("capacity changes")
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.entry.service}: {self.capacity_before} → {self.capacity_after}"
