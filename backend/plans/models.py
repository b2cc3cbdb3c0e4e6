"""Development plans and what the review produces: opinions, resolutions, decisions."""

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from backend.calls.choices import OpinionRouting
from backend.callsetup.models import RequiredDocument
from backend.callsetup.requirements import document_status, form_refusal, missing_items
from backend.core.deadlines import short_date
from backend.core.folding import folded_field
from backend.core.free_text import SHORT_TEXT, BoundedTextField
from backend.machines.opinion_review.machine import OpinionMachine
from backend.machines.opinion_review.states import OpinionState, Verdict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.machine import PlanMachine
from backend.machines.plan_review.states import (
    DECIDED_STATES,
    ENDED_WITHOUT_INCLUSION_STATES,
    PlanState,
)
from backend.machines.versioning import Versioned
from backend.network.capacities import capacity_in_network
from backend.network.choices import NetworkLevel
from backend.plans.choices import AttachmentKind, DecidingBody, OpinionRole, ResolutionOutcome
from backend.plans.uploads import extension_of, stored_name
from backend.plans.validators import validate_attachment, validate_council_resolution_number
from backend.registry.choices import CapacityUnit
from backend.registry.units import amount_with_unit

# Routings that ask the municipalities of the plan's territory, not only the ORP seats.
MUNICIPAL_ROUTINGS = (OpinionRouting.TERRITORY, OpinionRouting.ORP_AND_MUNICIPALITY)
CAPACITY: dict[str, Any] = {
    "max_digits": 9,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal(0))],
}
MONEY: dict[str, Any] = {
    "max_digits": 14,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal(0))],
}


def state_label(state: str) -> str:
    """A plan's state as people read it, in the active language."""
    # get_state_display() rebuilds a dictionary of the choices on every call.
    return str(PlanState(state).label)


class DevelopmentPlan(Versioned, PlanMachine):
    """A provider's request (rozvojový záměr) to include a service or change its capacity."""

    call = models.ForeignKey(
        "calls.Call", on_delete=models.PROTECT, related_name="plans", verbose_name=_("call")
    )
    provider = models.ForeignKey(
        "registry.Provider",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("provider"),
    )
    service = models.ForeignKey(
        "registry.SocialService",
        on_delete=models.PROTECT,
        related_name="plans",
        verbose_name=_("social service"),
    )
    kind = models.CharField(_("kind of change"), max_length=20, choices=PlanKind.choices)
    capacity_current = models.DecimalField(_("current capacity"), **CAPACITY, default=Decimal(0))
    capacity_requested = models.DecimalField(
        _("requested capacity"), **CAPACITY, null=True, blank=True
    )
    capacity_unit = models.CharField(
        _("capacity unit"), max_length=10, choices=CapacityUnit.choices
    )
    orps = models.ManyToManyField(
        "registry.Orp", related_name="plans", blank=True, verbose_name=_("territory (ORPs)")
    )
    municipalities = models.ManyToManyField(
        "registry.Municipality",
        related_name="plans",
        blank=True,
        verbose_name=_("territory (municipalities)"),
    )
    justification = BoundedTextField(_("justification"), blank=True)
    justification_folded = folded_field("justification", verbose_name=_("justification for search"))
    activity_cards = models.ManyToManyField(
        "registry.ActivityCard",
        related_name="plans",
        blank=True,
        verbose_name=_("activity cards fulfilled"),
    )
    amount_requested = models.DecimalField(
        _("amount requested from the region (CZK)"), **MONEY, null=True, blank=True
    )
    cofinancing_amount = models.DecimalField(
        _("co-financing (CZK)"), **MONEY, null=True, blank=True
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    # The call's request form the plan is filed under (backend/callsetup); none when the
    # call has no forms. A form in use cannot be deleted.
    request_form = models.ForeignKey(
        "callsetup.RequestForm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("request form"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    completion_due = models.DateField(_("complete by"), null=True, blank=True)
    return_reason = BoundedTextField(_("what to complete"), blank=True, max_length=SHORT_TEXT)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    # Working days the plan spent with its provider for completion (the opinion clock stops).
    clock_suspended_days = models.PositiveSmallIntegerField(_("working days suspended"), default=0)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The regional officer who owns the case (backend/casework); written without a save, so
    # an assignment neither bumps the version a provider is editing at nor enters the history
    # (casework's Assignment log is the record of who owned it when).
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_plans",
        verbose_name=_("assigned officer"),
    )

    class Meta:
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["call", "state"]),
            models.Index(fields=["state", "completion_due"]),
            # The lists' default order, alone and within a state (the usual filter): a page
            # is read from the index instead of sorting every match. On PostgreSQL the second
            # also carries the call (INCLUDE, created by migration 0004), so the paginator's
            # count is an index-only scan.
            models.Index(fields=["-created_at", "-id"], name="plan_created_idx"),
            models.Index(fields=["state", "-created_at", "-id"], name="plan_state_created_idx"),
            # The inbox's decisions due (a state, the officer's or no assignee, the call's
            # deadline, then the id): counted and paged from the index alone on PostgreSQL.
            models.Index(
                fields=["state", "call", "id"], include=["assignee"], name="plan_inbox_idx"
            ),
            # Sorted by state, the ties by id (backend/core/sorting.py): a page read from the
            # index, where the state index alone left every plan of the first state to sort
            # (a regional officer's page at 1 000 000 plans, EXPLAIN ANALYZE: 21 ms, 0.5 with it).
            models.Index(fields=["state", "id"], name="plan_state_id_idx"),
            # The other orders a list offers, alone and within the filters most used (either
            # way: an index is read backwards too). A page then stops when it is full instead
            # of sorting every plan it may show: a municipality's page probes its concerns
            # plan by plan in this order. Within a state or a call because both go with the
            # dates (the decided plans and the old calls are the old ones): walking the whole
            # order read 300 000 plans to find 50 not included (issue 23, 1 000 000 plans).
            models.Index(fields=["-submitted_at", "-id"], name="plan_submitted_idx"),
            models.Index(fields=["-capacity_requested", "-id"], name="plan_capacity_idx"),
            models.Index(fields=["state", "-submitted_at", "-id"], name="plan_state_submitted_idx"),
            models.Index(
                fields=["state", "-capacity_requested", "-id"], name="plan_state_capacity_idx"
            ),
            models.Index(fields=["call", "-created_at", "-id"], name="plan_call_created_idx"),
            models.Index(fields=["call", "-submitted_at", "-id"], name="plan_call_submitted_idx"),
        ]

    def __str__(self) -> str:
        return _("Plan #%(id)s – %(service)s (%(kind)s)") % {
            "id": self.pk,
            "service": self.service.name,
            "kind": self.get_kind_display(),
        }

    @property
    def state_label(self) -> str:
        return state_label(self.state)

    def capacity_in_register(self) -> Decimal | None:
        """The current capacity the plan must start from: the network register's for the
        service in the call's period, 0 for an inclusion of a service not in it, None when the
        register does not know it (a change of a service whose entry predates the system)."""
        if not (self.service_id and self.call_id):
            return None
        capacity = capacity_in_network(service_id=self.service_id, period_id=self.call.period_id)
        if capacity is None and self.kind == PlanKind.INCLUSION:
            return Decimal(0)
        return capacity

    def other_plan_in_call(self) -> "DevelopmentPlan | None":
        """The service's other plan of the same kind in the same call that is still open or
        was included, if any. A service may file an inclusion and an increase in one call (as
        TULIPAN did in 2017), but not two of either."""
        if not (self.service_id and self.call_id and self.kind):
            return None
        return (
            DevelopmentPlan.objects.filter(
                service_id=self.service_id, call_id=self.call_id, kind=self.kind
            )
            .exclude(state__in=ENDED_WITHOUT_INCLUSION_STATES)
            .exclude(pk=self.pk)
            .order_by("pk")
            .first()
        )

    def register_refusals(self) -> list[str]:
        """Why the plan contradicts the registry ([] when it does not): the service's unit
        against its form, the current capacity against the network register."""
        return [r for r in (self._unit_refusal(), self._current_capacity_refusal()) if r]

    def _unit_refusal(self) -> str | None:
        if not (self.service_id and self.service.unit_contradicts_form):
            return None
        return _(
            "The service “%(service)s” counts its capacity in “%(unit)s”, which its type and form "
            "do not allow; the regional office has to correct the service first."
        ) % {"service": self.service.name, "unit": self.service.get_capacity_unit_display()}

    def _current_capacity_refusal(self) -> str | None:
        expected = self.capacity_in_register()
        if expected is None or self.capacity_current is None or self.capacity_current == expected:
            return None
        return _(
            "The network register holds a current capacity of %(capacity)s for this service "
            "in the period %(period)s; the plan has to start from it."
        ) % {
            "capacity": amount_with_unit(
                expected, self.capacity_unit or self.service.capacity_unit
            ),
            "period": self.call.period,
        }

    def clean(self) -> None:
        errors: dict[str, Promise | str] = {}
        if self.service_id and self.provider_id and self.service.provider_id != self.provider_id:
            errors["service"] = _("The service belongs to another provider.")
        unit_refusal = self._unit_refusal()
        if unit_refusal:
            errors.setdefault("service", unit_refusal)
        if (
            self.service_id
            and self.capacity_unit
            and self.capacity_unit != self.service.capacity_unit
        ):
            errors["capacity_unit"] = _(
                "The capacity unit must be the service's unit (%(unit)s)."
            ) % {"unit": self.service.get_capacity_unit_display()}
        requested, current = self.capacity_requested, self.capacity_current
        if requested is not None and current is not None:
            if self.kind == PlanKind.CAPACITY_INCREASE and requested <= current:
                errors["capacity_requested"] = _(
                    "An increase must request more than the current capacity."
                )
            if self.kind == PlanKind.CAPACITY_DECREASE and requested >= current:
                errors["capacity_requested"] = _(
                    "A decrease must request less than the current capacity."
                )
            if self.kind == PlanKind.INCLUSION and requested <= 0:
                errors["capacity_requested"] = _("A new service must request some capacity.")
        capacity_refusal = self._current_capacity_refusal()
        if capacity_refusal:
            errors["capacity_current"] = capacity_refusal
        form_error = form_refusal(form=self.request_form, call_id=self.call_id, kind=self.kind)
        if form_error:
            errors["request_form"] = form_error
        other = self.other_plan_in_call()
        if other is not None:
            errors.setdefault(
                "service",
                _(
                    "The service already has plan #%(id)s of this kind (%(kind)s, %(state)s) in "
                    "this call; change that plan instead of filing another."
                )
                % {"id": other.pk, "kind": other.get_kind_display(), "state": other.state_label},
            )
        if errors:
            raise ValidationError(errors)

    def missing_fields(self) -> list[Promise | str]:
        """What a provider must fill in before the plan can be submitted: the plan's own
        fields, then what the call's configuration asks (the form, the fields it makes
        required, its required documents by name)."""
        missing: list[Promise | str] = []
        if self.capacity_requested is None:
            missing.append(_("requested capacity"))
        if not self.justification.strip():
            missing.append(_("justification"))
        if self.pk is None or not self.orps.exists():
            missing.append(_("territory"))
        if self.call.opinion_routing in MUNICIPAL_ROUTINGS and (
            self.pk is None or not self.municipalities.exists()
        ):
            # The call asks every municipality of the territory: name them.
            missing.append(_("territory (municipalities)"))
        missing += missing_items(self, already=[str(label) for label in missing])
        return missing

    def required_documents(self) -> list[tuple[RequiredDocument, bool]]:
        """The documents the plan's form asks for, each with whether the plan carries it."""
        return document_status(self)


def _upload_to(instance: "PlanAttachment", filename: str) -> str:
    # A generated name: nothing the uploader chose reaches the file system.
    return f"plans/{instance.plan_id}/{stored_name(filename)}"


class PlanAttachment(models.Model):
    plan = models.ForeignKey(
        DevelopmentPlan,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("development plan"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to=_upload_to, validators=[validate_attachment])
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # The stored file was removed after its retention period (backend/retention): the row
    # keeps the name, kind and size as the record of what was filed.
    purged_at = models.DateTimeField(_("file removed at"), null=True, blank=True)
    # Which of the form's required documents the file is (backend/callsetup); a document
    # removed from the form leaves the file, no longer counted.
    requirement = models.ForeignKey(
        "callsetup.RequiredDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("required document"),
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


def _resolution_upload_to(instance: "CouncilResolution", filename: str) -> str:
    return f"resolutions/{instance.municipality_id}/{stored_name(filename)}"


class CouncilResolution(models.Model):
    """A municipal council's resolution (usnesení rady), e.g. 827/2017 of 29 Aug 2017."""

    municipality = models.ForeignKey(
        "registry.Municipality",
        on_delete=models.PROTECT,
        related_name="resolutions",
        verbose_name=_("municipality"),
    )
    number = models.CharField(
        _("resolution number"), max_length=20, validators=[validate_council_resolution_number]
    )
    meeting_date = models.DateField(_("meeting date"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=ResolutionOutcome.choices)
    document = models.FileField(
        _("document"), upload_to=_resolution_upload_to, blank=True, validators=[validate_attachment]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("council resolution")
        verbose_name_plural = _("council resolutions")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="resolution_number_unique"
            )
        ]

    def __str__(self) -> str:
        return _("resolution no. %(number)s of %(date)s") % {
            "number": self.number,
            "date": short_date(self.meeting_date),
        }

    @property
    def approved(self) -> bool:
        return self.outcome == ResolutionOutcome.APPROVED

    def citation(self) -> str:
        """The resolution as the register cites it, in the active language, e.g.
        "usnesení Rady města Liberec č. 827/2017 ze dne 29. 8. 2017"."""
        values = {
            "name": self.municipality.name,
            "number": self.number,
            "date": short_date(self.meeting_date),
        }
        if self.municipality.is_town:
            return (
                _("resolution of the council of the town of %(name)s no. %(number)s of %(date)s")
                % values
            )
        return (
            _(
                "resolution of the council of the municipality of %(name)s no. %(number)s of %(date)s"
            )
            % values
        )

    @property
    def document_filename(self) -> str:
        """The name the document is downloaded under, e.g. usneseni-827-2017.pdf."""
        number = self.number.replace("/", "-")
        return f"usneseni-{number}.{extension_of(self.document.name) or 'pdf'}"


class MunicipalOpinion(Versioned, OpinionMachine):
    """A municipality's opinion (vyjádření obce) on one plan touching its territory."""

    plan = models.ForeignKey(
        DevelopmentPlan,
        on_delete=models.CASCADE,
        related_name="opinions",
        verbose_name=_("development plan"),
    )
    municipality = models.ForeignKey(
        "registry.Municipality",
        on_delete=models.PROTECT,
        related_name="opinions",
        verbose_name=_("municipality"),
    )
    role = models.CharField(
        _("gives the opinion"),
        max_length=20,
        choices=OpinionRole.choices,
        default=OpinionRole.ORP,
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    council_due = models.DateField(_("council deadline"), null=True, blank=True)
    verdict = models.CharField(_("verdict"), max_length=30, choices=Verdict.choices, blank=True)
    reasoning = BoundedTextField(_("reasoning"), blank=True)
    conditions = BoundedTextField(_("conditions"), blank=True)
    cofinancing_amount = models.DecimalField(
        _("co-financing committed (CZK)"), **MONEY, null=True, blank=True
    )
    needs_council = models.BooleanField(_("needs a council resolution"), default=False)
    resolution = models.ForeignKey(
        CouncilResolution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name=_("council resolution"),
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    # The municipal officer who prepares the opinion (see DevelopmentPlan.assignee).
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_opinions",
        verbose_name=_("assigned officer"),
    )

    class Meta:
        verbose_name = _("municipal opinion")
        verbose_name_plural = _("municipal opinions")
        ordering = ["plan_id", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "municipality", "role"], name="one_opinion_per_municipality_role"
            )
        ]
        indexes = [
            models.Index(fields=["state", "due_date"]),
            models.Index(fields=["state", "council_due"]),
            # A municipal officer's inbox: their municipality's open opinions, theirs or
            # unassigned, by deadline. Covering (PostgreSQL; SQLite ignores `include`), so
            # the page and its count read no table rows: at 1 000 000 plans, 13 000 open
            # opinions of one municipality, page 25.6 -> 3.6 ms (EXPLAIN ANALYZE, a
            # vacuumed copy).
            models.Index(
                fields=["municipality", "state", "assignee"],
                include=["due_date", "plan", "id"],
                name="opinion_inbox_idx",
            ),
        ]

    def __str__(self) -> str:
        return _("Opinion of %(municipality)s on plan #%(plan)s") % {
            "municipality": self.municipality,
            "plan": self.plan_id,
        }

    @property
    def council_deadline_running(self) -> bool:
        """Whether the council's deadline (not the opinion's) is the one running now."""
        return self.state == OpinionState.AWAITING_COUNCIL and self.council_due is not None

    @property
    def current_deadline(self) -> dt.date | None:
        """The deadline running now: the council's while it waits for a resolution."""
        return self.council_due if self.council_deadline_running else self.due_date


class RegionalDecision(models.Model):
    """The region's decision on a plan, citing the body and its resolution."""

    plan = models.OneToOneField(
        DevelopmentPlan,
        on_delete=models.PROTECT,
        related_name="decision",
        verbose_name=_("development plan"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=30, choices=[(s.value, s.label) for s in DECIDED_STATES]
    )
    approved_capacity = models.DecimalField(
        _("approved capacity"), **CAPACITY, null=True, blank=True
    )
    conditions = BoundedTextField(_("conditions"), blank=True)
    remedy_due = models.DateField(_("remedy by"), null=True, blank=True)
    # Where the decision places the register entry; empty: the outcome's default level.
    level = models.CharField(_("level"), max_length=20, choices=NetworkLevel.choices, blank=True)
    body = models.CharField(_("deciding body"), max_length=20, choices=DecidingBody.choices)
    resolution_number = models.CharField(
        _("resolution number"), max_length=30, help_text=_("e.g. 258/17/ZK")
    )
    resolution_date = models.DateField(_("resolution date"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("regional decision")
        verbose_name_plural = _("regional decisions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="included_with_conditions") | ~Q(conditions=""),
                name="decision_conditions_given",
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} – {self.outcome}"


if TYPE_CHECKING:
    from backend.machines.opinion_review.guards import ReviewedOpinion
    from backend.machines.plan_review.guards import ReviewedPlan

    # The machine's guards read the object through these Protocols (the machines sit under
    # the models and do not import them): mypy checks here that the model fits them.
    _plan_fits: type[ReviewedPlan] = DevelopmentPlan
    _opinion_fits: type[ReviewedOpinion] = MunicipalOpinion


class PlanConcern(models.Model):
    """A municipality a plan concerns: an opinion asked of it, its territory, or an ORP it
    seats. Derived from those three relations and kept by `backend.plans.concerns`, so that
    a municipality's plans are one index probe per plan (issue 23: the UNION of the three
    relations cost 100–700 ms per list at 1 000 000 plans for a large ORP)."""

    plan = models.ForeignKey(
        DevelopmentPlan,
        on_delete=models.CASCADE,
        related_name="concerns",
        db_index=False,  # the unique constraint's index leads with the plan
        verbose_name=_("development plan"),
    )
    municipality = models.ForeignKey(
        "registry.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # plan_concern_municipality_idx leads with it
        verbose_name=_("municipality"),
    )

    class Meta:
        verbose_name = _("municipality concerned")
        verbose_name_plural = _("municipalities concerned")
        constraints = [
            models.UniqueConstraint(fields=["plan", "municipality"], name="plan_concern_unique"),
        ]
        indexes = [
            models.Index(fields=["municipality", "plan"], name="plan_concern_municipality_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} → {self.municipality_id}"
