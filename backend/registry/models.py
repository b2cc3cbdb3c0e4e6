"""Reference data and the organisations of the domain: territory, service types, providers."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.core.folding import folded_field
from backend.core.free_text import BoundedTextField
from backend.registry.choices import CapacityUnit, LegalForm, ServiceForm
from backend.registry.validators import validate_ico, validate_registration_number


class Region(models.Model):
    """A kraj, e.g. the Liberec Region (NUTS CZ051)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    office_name = models.CharField(
        _("regional office"),
        max_length=200,
        blank=True,
        help_text=_(
            "The department that signs the e-mails of this region's calls, e.g. "
            "“Krajský úřad Libereckého kraje, odbor sociálních věcí”."
        ),
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Orp(models.Model):
    """A municipality with extended powers (obec s rozšířenou působností) and its territory."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="orps", verbose_name=_("region")
    )
    code = models.CharField(_("ČSÚ code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    municipality_count = models.PositiveSmallIntegerField(_("number of municipalities"), null=True)
    seat = models.OneToOneField(
        "Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seat_of_orp",
        verbose_name=_("seat municipality"),
        help_text=_("The ORP town; it issues opinions for plans touching the ORP's territory."),
    )

    class Meta:
        verbose_name = _("ORP")
        verbose_name_plural = _("ORPs")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"ORP {self.name}"


class Municipality(models.Model):
    orp = models.ForeignKey(
        Orp, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("ORP")
    )
    name = models.CharField(_("name"), max_length=100)
    name_folded = folded_field("name", verbose_name=_("name for search"))
    code = models.CharField(_("ČSÚ code"), max_length=10, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["orp", "name"], name="municipality_unique_in_orp"),
            # ČSÚ's code identifies a municipality (the import matches by it); blank: not known
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="municipality_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_town(self) -> bool:
        """ORP seats are towns: their council is written "Rada města", others "Rada obce"."""
        return hasattr(self, "seat_of_orp")


class ServiceType(models.Model):
    """A kind of social service defined by a § of Act No. 108/2006 Coll."""

    paragraph = models.CharField(_("§"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=200)
    forms = models.JSONField(_("allowed forms"), default=list)
    default_unit = models.CharField(
        _("default capacity unit"), max_length=10, choices=CapacityUnit.choices
    )
    sort_key = models.PositiveSmallIntegerField(_("sort key"), default=0, editable=False)

    class Meta:
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        ordering = ["sort_key"]

    def __str__(self) -> str:
        return f"§ {self.paragraph} {self.name}"

    def unit_for_form(self, form: str) -> str:
        """Residential services count beds; others use the type's own unit."""
        if form == ServiceForm.RESIDENTIAL:
            return CapacityUnit.BEDS
        return self.default_unit if self.default_unit != CapacityUnit.BEDS else CapacityUnit.FTE


class TargetGroup(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class StrategicGoal(models.Model):
    """A strategic goal (SC1–SC10) of the region's medium-term plan."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=300)

    class Meta:
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ActivityCard(models.Model):
    """A development activity card (A01-01 …) of the medium-term plan that a plan may fulfil."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=400)
    goals = models.ManyToManyField(
        StrategicGoal,
        related_name="activity_cards",
        blank=True,
        verbose_name=_("strategic goals"),
    )
    service_types = models.ManyToManyField(
        ServiceType,
        related_name="activity_cards",
        blank=True,
        verbose_name=_("service types"),
    )
    target_groups = models.CharField(_("target groups"), max_length=300, blank=True)
    period = models.CharField(_("period"), max_length=50, blank=True)
    responsibility = models.CharField(_("responsibility"), max_length=300, blank=True)
    financing = models.CharField(_("financing"), max_length=300, blank=True)
    description = BoundedTextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("activity card")
        verbose_name_plural = _("activity cards")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Provider(models.Model):
    """A provider of social services (poskytovatel)."""

    name = models.CharField(_("name"), max_length=200)
    name_folded = folded_field("name", verbose_name=_("name for search"))
    ico = models.CharField(_("IČ"), max_length=8, unique=True, validators=[validate_ico])
    legal_form = models.CharField(_("legal form"), max_length=10, choices=LegalForm.choices)
    address = models.CharField(_("address"), max_length=300)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.label_of(self.name, self.ico)

    @staticmethod
    def label_of(name: str, ico: str) -> str:
        """How a provider is shown: also from plain values (`LABEL_FIELDS`), without an
        instance (the register's filter lists thousands)."""
        return f"{name} (IČ {ico})"

    LABEL_FIELDS = ("name", "ico")


class SocialService(models.Model):
    """A social service of a provider; a planned service has no registration number yet."""

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="services", verbose_name=_("provider")
    )
    name = models.CharField(_("name"), max_length=200)
    name_folded = folded_field("name", verbose_name=_("name for search"))
    registration_number = models.CharField(
        _("registration number"),
        max_length=7,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_registration_number],
        help_text=_("Identifier from the national register of providers (7 digits)."),
    )
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    service_type = models.ForeignKey(
        ServiceType, on_delete=models.PROTECT, related_name="services", verbose_name=_("type")
    )
    form = models.CharField(_("form"), max_length=12, choices=ServiceForm.choices)
    capacity_unit = models.CharField(
        _("capacity unit"), max_length=10, choices=CapacityUnit.choices
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="services", verbose_name=_("target groups")
    )
    orps = models.ManyToManyField(Orp, blank=True, related_name="services", verbose_name=_("ORPs"))
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="services", verbose_name=_("municipalities")
    )

    class Meta:
        verbose_name = _("social service")
        verbose_name_plural = _("social services")
        ordering = ["provider__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} (§ {self.service_type.paragraph}, {self.get_form_display()})"

    def clean(self) -> None:
        """The § type allows the form, and the capacity is counted in the unit the type and
        form call for (residential services count beds)."""
        if not (self.service_type_id and self.form):
            return
        if self.form not in self.service_type.forms:
            raise ValidationError(
                {
                    "form": _("§ %(paragraph)s %(name)s cannot be provided in the form “%(form)s”.")
                    % {
                        "paragraph": self.service_type.paragraph,
                        "name": self.service_type.name,
                        "form": self.get_form_display(),
                    }
                }
            )
        expected = self.service_type.unit_for_form(self.form)
        if self.capacity_unit and self.capacity_unit != expected:
            raise ValidationError(
                {
                    "capacity_unit": _(
                        "A service of § %(paragraph)s in the form “%(form)s” counts its capacity "
                        "in “%(unit)s”."
                    )
                    % {
                        "paragraph": self.service_type.paragraph,
                        "form": self.get_form_display(),
                        "unit": CapacityUnit(expected).label,
                    }
                }
            )

    @property
    def unit_contradicts_form(self) -> bool:
        """Whether the stored unit is not the one the type and form call for (a service saved
        before the rule held everywhere); plans on it are refused until it is corrected."""
        return self.capacity_unit != self.service_type.unit_for_form(self.form)


class PlanningScheme(models.Model):
    """A region's own split of its territory into planning areas (named groups of
    municipalities), e.g. the family-services project's 16 parts for § 62 NZDM; a call or a
    demand table may use it instead of the ORPs."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="planning_schemes",
        verbose_name=_("region"),
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("e.g. “Rodinné služby 2017 – NZDM (16 částí)”"),
    )
    service_types = models.ManyToManyField(
        ServiceType,
        blank=True,
        related_name="planning_schemes",
        verbose_name=_("service types"),
        help_text=_("The service types the split is made for; none selected means any type."),
    )
    note = BoundedTextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("planning scheme")
        verbose_name_plural = _("planning schemes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="planning_scheme_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class PlanningArea(models.Model):
    """One part of a planning scheme: a named group of municipalities. A municipality lies in
    at most one area of a scheme (the database holds it through `PlanningAreaMember`)."""

    scheme = models.ForeignKey(
        PlanningScheme,
        on_delete=models.CASCADE,
        related_name="areas",
        verbose_name=_("planning scheme"),
    )
    name = models.CharField(_("name"), max_length=200)
    municipalities = models.ManyToManyField(
        Municipality,
        through="PlanningAreaMember",
        blank=True,
        related_name="planning_areas",
        verbose_name=_("municipalities"),
    )

    class Meta:
        verbose_name = _("planning area")
        verbose_name_plural = _("planning areas")
        ordering = ["scheme", "name"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "name"], name="planning_area_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class PlanningAreaMember(models.Model):
    """A municipality in a planning area; `scheme` repeats the area's so that the database
    refuses a municipality in two areas of one scheme."""

    area = models.ForeignKey(
        PlanningArea, on_delete=models.CASCADE, related_name="members", verbose_name=_("area")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="planning_area_members",
        verbose_name=_("municipality"),
    )
    scheme = models.ForeignKey(
        PlanningScheme,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("planning scheme"),
    )

    class Meta:
        verbose_name = _("municipality of a planning area")
        verbose_name_plural = _("municipalities of planning areas")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "municipality"], name="planning_area_one_per_scheme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.municipality}"
