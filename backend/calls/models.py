"""Calls (výzvy) for development plans and the network periods they serve."""

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from backend.calls.choices import OpinionRouting
from backend.core.deadlines import local_date, resolve_deadline
from backend.machines.call_lifecycle.machine import CallMachine
from backend.machines.call_lifecycle.states import CallState
from backend.machines.plan_review.states import SETTLED_STATES


class NetworkPeriod(models.Model):
    """The planning period of the basic network, e.g. 2018–2020."""

    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    # The resolution that approved the network of the period (e.g. 258/17/ZK of 27 Jun 2017
    # for 2018–2020); each later update cites its own on the entries it changed.
    resolution_number = models.CharField(
        _("resolution number"), max_length=30, blank=True, help_text=_("e.g. 258/17/ZK")
    )
    resolution_date = models.DateField(_("resolution date"), null=True, blank=True)

    class Meta:
        verbose_name = _("network period")
        verbose_name_plural = _("network periods")
        ordering = ["start_year"]
        constraints = [
            models.UniqueConstraint(fields=["start_year", "end_year"], name="period_unique"),
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_year}–{self.end_year}"


# Each deadline is a fixed date or a number of working days, never both.
DEADLINE_FIELD_PAIRS = [
    ("opinion_deadline_date", "opinion_deadline_days"),
    ("council_deadline_date", "council_deadline_days"),
    ("decision_date_fixed", "decision_date_days"),
]


class Call(CallMachine):
    """A call (výzva): a submission window and the deadlines of the review that follows.

    Each later deadline is either a fixed date or N working days after the previous step
    (closing → opinion deadline → council deadline → decision date).
    """

    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("region"),
    )
    period = models.ForeignKey(
        NetworkPeriod,
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("network period"),
    )
    name = models.CharField(_("name"), max_length=200)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(
        _("closes at"), help_text=_("The last instant a plan may be submitted (Europe/Prague).")
    )
    opinion_deadline_date = models.DateField(_("opinion deadline (date)"), null=True, blank=True)
    opinion_deadline_days = models.PositiveSmallIntegerField(
        _("opinion deadline (working days after closing)"), null=True, blank=True
    )
    council_deadline_date = models.DateField(_("council deadline (date)"), null=True, blank=True)
    council_deadline_days = models.PositiveSmallIntegerField(
        _("council deadline (working days after the opinion deadline)"), null=True, blank=True
    )
    decision_date_fixed = models.DateField(_("decision date (date)"), null=True, blank=True)
    decision_date_days = models.PositiveSmallIntegerField(
        _("decision date (working days after the council deadline)"), null=True, blank=True
    )
    completion_days = models.PositiveSmallIntegerField(
        _("working days to complete a returned plan"), default=10
    )
    # Routing rules differ between regions, so each call carries its own.
    opinion_routing = models.CharField(
        _("opinions are asked of"),
        max_length=30,
        choices=OpinionRouting.choices,
        default=OpinionRouting.ORP_SEAT,
    )
    decrease_needs_opinion = models.BooleanField(
        _("a capacity decrease needs a municipal opinion"), default=False
    )
    council_for_commitments = models.BooleanField(
        _(
            "an opinion supporting an increase or committing co-financing needs a council resolution"
        ),
        default=True,
    )
    registration_cutoff = models.DateField(
        _("registration must be in force by"), null=True, blank=True
    )
    # How the plans are assessed (backend/assessment, docs/assessment.md).
    assessors_required = models.PositiveSmallIntegerField(
        _("assessors per plan"),
        default=1,
        choices=[(1, _("one assessor")), (2, _("two independent assessors"))],
    )
    score_spread_limit = models.DecimalField(
        _("flag a difference between assessors above (percentage points)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(20),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    # Whom the announcement concerns (subscribers hear of the call by these); none: all types.
    service_types = models.ManyToManyField(
        "registry.ServiceType",
        blank=True,
        related_name="calls",
        verbose_name=_("service types"),
        help_text=_("The service types the call is for; none selected means every type."),
    )
    # The region's own split of its territory (e.g. the 16 parts for NZDM): the capacity
    # dashboard of the call groups by its areas instead of the ORPs.
    planning_scheme = models.ForeignKey(
        "registry.PlanningScheme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("planning areas"),
        help_text=_(
            "The region's own split of its territory the call uses instead of the ORPs; "
            "empty: the ORPs."
        ),
    )

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at"]
        permissions = [("manage_call", _("Can open, close and finish calls"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="call_window_ordered"
            ),
            models.CheckConstraint(
                condition=Q(assessors_required__in=[1, 2]), name="call_assessors_one_or_two"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{date}__isnull": True}) | Q(**{f"{days}__isnull": True}),
                    name=f"call_{date}_xor_days",
                )
                for date, days in DEADLINE_FIELD_PAIRS
            ],
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The call must close after it opens.")})
        scheme = self.planning_scheme if self.planning_scheme_id else None
        if scheme is not None and self.region_id and scheme.region_id != self.region_id:
            raise ValidationError(
                {"planning_scheme": _("The planning areas must be of the call's region.")}
            )
        for date, days in DEADLINE_FIELD_PAIRS:
            if getattr(self, date) is not None and getattr(self, days) is not None:
                raise ValidationError(
                    {days: _("Give either a date or a number of working days, not both.")}
                )
        if self.closes_at:
            self._clean_deadline_order()

    def _clean_deadline_order(self) -> None:
        """Each phase ends after the one before it: opinions after the window, the council
        after the opinions, the decision after the council."""
        checks = (
            (
                "opinion_deadline_date",
                local_date(self.closes_at),
                _("The opinion deadline cannot lie before the call closes."),
            ),
            (
                "council_deadline_date",
                self.opinion_deadline,
                _("The council deadline cannot lie before the opinion deadline."),
            ),
            (
                "decision_date_fixed",
                self.council_deadline,
                _("The decision date cannot lie before the council deadline."),
            ),
        )
        for field, earliest, message in checks:
            value = getattr(self, field)
            if value is not None and earliest is not None and value < earliest:
                raise ValidationError({field: message})

    @property
    def opinion_deadline(self) -> dt.date | None:
        return resolve_deadline(
            fixed=self.opinion_deadline_date,
            working_days=self.opinion_deadline_days,
            after=local_date(self.closes_at),
        )

    @property
    def council_deadline(self) -> dt.date | None:
        return resolve_deadline(
            fixed=self.council_deadline_date,
            working_days=self.council_deadline_days,
            after=self.opinion_deadline,
        )

    @property
    def decision_date(self) -> dt.date | None:
        return resolve_deadline(
            fixed=self.decision_date_fixed,
            working_days=self.decision_date_days,
            after=self.council_deadline,
        )

    def accepts_submissions(self, at: dt.datetime) -> bool:
        """Whether a plan submitted at `at` is on time.

        The window decides, so a late beat task cannot let a late plan in; a call closed by
        hand takes nothing, a call opened early by hand takes plans until it closes.
        """
        if self.state in (CallState.CLOSED, CallState.FINISHED):
            return False
        if self.state == CallState.OPEN:
            return at <= self.closes_at
        return self.opens_at <= at <= self.closes_at

    @staticmethod
    def settled_plan_states() -> list[str]:
        return list(SETTLED_STATES)


if TYPE_CHECKING:
    from backend.machines.call_lifecycle.guards import GuardedCall

    # The machine's guards read the object through these Protocols (the machines sit under
    # the models and do not import them): mypy checks here that the model fits them.
    _call_fits: type[GuardedCall] = Call
