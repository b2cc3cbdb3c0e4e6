"""The assessment of development plans (hodnocení): a call's criteria with weights and a
scale, the regional officers' scores with their reasons, and the region's reference values
(cost per unit of capacity per year) the assessors compare a plan's cost with.

The rules and the arithmetic are in `services.py`, `selectors.py` and `docs/assessment.md`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from backend.core.free_text import SHORT_TEXT, BoundedTextField
from backend.registry.choices import CapacityUnit

# The most points a criterion's scale may have (0 … this).
SCALE_LIMIT = 100


class Criterion(models.Model):
    """One criterion of a call: scored from 0 to `max_points`, counted with its weight."""

    call = models.ForeignKey(
        "calls.Call",
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("call"),
    )
    name = models.CharField(_("name"), max_length=200)
    guidance = BoundedTextField(_("guidance for the assessors"), blank=True, max_length=SHORT_TEXT)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("How much the criterion counts against the others, e.g. 1, 2 or 0,5."),
    )
    max_points = models.PositiveSmallIntegerField(
        _("most points"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(SCALE_LIMIT)],
        help_text=_("The scale runs from 0 to this number of points."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="criterion_name_unique"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
            models.CheckConstraint(
                condition=Q(max_points__gte=1, max_points__lte=SCALE_LIMIT),
                name="criterion_scale_bounded",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReferenceValue(models.Model):
    """The region's reference cost of one unit of capacity of a § type per year (CZK), in
    force from a year until the next value of the same type and unit."""

    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        related_name="reference_values",
        verbose_name=_("region"),
    )
    service_type = models.ForeignKey(
        "registry.ServiceType",
        on_delete=models.PROTECT,
        related_name="reference_values",
        verbose_name=_("service type"),
    )
    unit = models.CharField(_("capacity unit"), max_length=10, choices=CapacityUnit.choices)
    valid_from_year = models.PositiveSmallIntegerField(
        _("valid from (year)"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = models.DecimalField(
        _("CZK per unit and year"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    note = BoundedTextField(
        _("source"),
        blank=True,
        max_length=SHORT_TEXT,
        help_text=_("Where the value comes from, e.g. the region's published table."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("reference value")
        verbose_name_plural = _("reference values")
        ordering = ["service_type__paragraph", "unit", "-valid_from_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "service_type", "unit", "valid_from_year"],
                name="reference_value_unique",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="reference_value_positive"),
        ]

    def __str__(self) -> str:
        return f"§ {self.service_type.paragraph} {self.unit} {self.valid_from_year}: {self.amount}"


class Assessment(models.Model):
    """One assessor's scores of one plan (one per plan and assessor); editable by its
    assessor until the plan is decided, each change kept in the field history."""

    plan = models.ForeignKey(
        "plans.DevelopmentPlan",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("development plan"),
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assessor"),
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "assessor"], name="assessment_once_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.assessor_id}"


class Score(models.Model):
    """The points one assessment gives one criterion, with the reason."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assessment")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    points = models.PositiveSmallIntegerField(_("points"))
    reason = BoundedTextField(_("reason"), max_length=SHORT_TEXT)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="score_once_per_criterion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.points}"
