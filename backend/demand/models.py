"""A demand table (e.g. a micro-region's action plan) and its entries: the capacity needed
per ORP or planning area × § type × unit."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from backend.plans.uploads import stored_name
from backend.registry.choices import CapacityUnit
from backend.registry.models import Municipality, Orp, PlanningArea, Region, ServiceType


def _source_upload_to(instance: "DemandTable", filename: str) -> str:
    return f"demand/{instance.region_id}/{stored_name(filename)}"


class DemandTable(models.Model):
    """A table of capacity needs stated by a municipality (or recorded by the regional office
    on behalf of a territory), with the document it comes from."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="demand_tables", verbose_name=_("region")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="demand_tables",
        verbose_name=_("stated by (municipality)"),
        help_text=_("The municipality that states the need; empty when the office states it."),
    )
    stated_by = models.CharField(
        _("adopted by"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “Svazek obcí Mikroregion Tanvaldsko, usnesení č. 44/2023”"),
    )
    on_behalf = models.BooleanField(
        _("recorded by the regional office on behalf of the territory"), default=False
    )
    title = models.CharField(
        _("title"),
        max_length=300,
        help_text=_("e.g. “Akční plán rozvoje sociálních služeb Mikroregionu Tanvaldsko 2024”"),
    )
    source_file = models.FileField(
        _("source document"),
        upload_to=_source_upload_to,
        blank=True,
        # Checked by the services (`plans.validators.validate_attachment`), not here: the
        # field history's migration would copy the validator below the plans' layer.
    )
    source_name = models.CharField(_("file name"), max_length=255, blank=True)
    source_reference = models.CharField(
        _("source (address or reference)"),
        max_length=500,
        blank=True,
        help_text=_("A web address or a citation of the document, e.g. its resolution."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    valid_from = models.PositiveSmallIntegerField(_("valid from (year)"))
    valid_to = models.PositiveSmallIntegerField(
        _("valid to (year)"),
        null=True,
        blank=True,
        help_text=_("Empty: valid until a later table replaces it."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="demand_tables",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("demand table")
        verbose_name_plural = _("demand tables")
        ordering = ["-valid_from", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="demand_table_valid_years_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def valid_years(self) -> str:
        if self.valid_to is None:
            return f"{self.valid_from}–"
        if self.valid_to == self.valid_from:
            return str(self.valid_from)
        return f"{self.valid_from}–{self.valid_to}"


class DemandEntry(models.Model):
    """The capacity needed in one territory (an ORP or a planning area, exactly one) of one
    § type, in one unit, e.g. ORP Tanvald, § 70, +11,5 FTE (age 18+)."""

    table = models.ForeignKey(
        DemandTable, on_delete=models.CASCADE, related_name="entries", verbose_name=_("table")
    )
    orp = models.ForeignKey(
        Orp,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="demand_entries",
        verbose_name=_("ORP"),
    )
    area = models.ForeignKey(
        PlanningArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="demand_entries",
        verbose_name=_("planning area"),
    )
    service_type = models.ForeignKey(
        ServiceType,
        on_delete=models.PROTECT,
        related_name="demand_entries",
        verbose_name=_("type of service"),
    )
    unit = models.CharField(_("capacity unit"), max_length=10, choices=CapacityUnit.choices)
    quantity = models.DecimalField(
        _("capacity needed"),
        max_digits=9,
        decimal_places=2,
        help_text=_("The increase needed, e.g. 9 beds or 11,5 FTE."),
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("e.g. the age group “18+”")
    )

    class Meta:
        verbose_name = _("demand entry")
        verbose_name_plural = _("demand entries")
        ordering = ["table", "service_type__sort_key", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(orp__isnull=False) & Q(area__isnull=True))
                | (Q(orp__isnull=True) & Q(area__isnull=False)),
                name="demand_entry_orp_xor_area",
            ),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="demand_entry_positive"),
        ]

    def __str__(self) -> str:
        territory = self.orp or self.area
        return f"{territory} – § {self.service_type.paragraph}: +{self.quantity} {self.unit}"

    @property
    def territory(self) -> Orp | PlanningArea | None:
        return self.orp or self.area
