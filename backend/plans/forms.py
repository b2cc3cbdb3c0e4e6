"""Forms of the plan pages; they parse input only — the services and actions decide."""

import json
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from backend.calls.models import Call
from backend.callsetup.models import RequestForm, RequiredDocument
from backend.core.form_fields import DecimalCommaField, format_decimal
from backend.core.free_text import LONG_TEXT, SHORT_TEXT
from backend.core.long_choices import LongSelect
from backend.machines.call_lifecycle.states import CallState
from backend.machines.opinion_review.states import Verdict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import DECIDED_STATES
from backend.network.capacities import capacities_in_network
from backend.network.choices import DECISION_LEVELS
from backend.plans.choices import AttachmentKind, DecidingBody, ResolutionOutcome
from backend.registry.models import ActivityCard, Municipality, Orp, Provider, SocialService

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class Form(forms.Form):
    """A form whose field ids carry its name, so several forms can share one page."""

    id_prefix = "f"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2, "min_value": 0, "required": False}


class RequestFormChoiceField(forms.ModelChoiceField):
    """A call's request form; named with its call when forms of several calls are offered."""

    with_call = False

    def label_from_instance(self, obj: RequestForm) -> str:
        return f"{obj.call.name} – {obj}" if self.with_call else str(obj)


class PlanForm(Form):
    """The guided form of a development plan (create and edit)."""

    id_prefix = "plan"

    call = forms.ModelChoiceField(Call.objects.none(), label=_("Call"))
    service = forms.ModelChoiceField(
        SocialService.objects.none(),
        label=_("Social service"),
        help_text=_("The capacity unit follows from the service (beds, FTE, places, flats)."),
    )
    kind = forms.ChoiceField(choices=PlanKind.choices, label=_("Kind of change"))
    capacity_current = DecimalCommaField(
        label=_("Current capacity"),
        min_value=0,
        max_digits=9,
        decimal_places=2,
        required=False,
        help_text=_(
            "As the network register holds it for the call's period (filled in when you pick "
            "the service); empty: the register's, 0 for a service not in the network."
        ),
    )
    capacity_requested = DecimalCommaField(
        label=_("Requested capacity"), min_value=0, max_digits=9, decimal_places=2, required=False
    )
    orps = forms.ModelMultipleChoiceField(
        Orp.objects.all(),
        label=_("Territory (ORPs)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each ORP you select will be asked for its opinion."),
    )
    municipalities = forms.ModelMultipleChoiceField(
        Municipality.objects.select_related("orp"),
        label=_("Municipalities (optional)"),
        required=False,
    )
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    activity_cards = forms.ModelMultipleChoiceField(
        ActivityCard.objects.all(),
        label=_("Activity cards of the medium-term plan"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"data-searchable": "1"}),
        help_text=_("Type in the search box to find a card by its code or name."),
    )
    amount_requested = DecimalCommaField(label=_("Amount requested from the region (CZK)"), **MONEY)
    cofinancing_amount = DecimalCommaField(label=_("Co-financing (CZK)"), **MONEY)
    planned_start = forms.DateField(label=_("Planned start"), required=False, widget=DATE)
    request_form = RequestFormChoiceField(
        RequestForm.objects.none(),
        label=_("Request form"),
        required=False,
        help_text=_(
            "The call's form your plan is filed under; it says which fields and documents "
            "the plan needs. Only a form for the plan's kind of change can be chosen."
        ),
    )

    def __init__(
        self,
        *args: Any,
        provider_ids: frozenset[int],
        editing: bool = False,
        call: Call | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        services = SocialService.objects.filter(provider_id__in=provider_ids).select_related(
            "service_type"
        )
        calls = Call.objects.filter(state__in=[CallState.PLANNED, CallState.OPEN])
        cast("forms.ModelChoiceField[SocialService]", self.fields["service"]).queryset = services
        cast("forms.ModelChoiceField[Call]", self.fields["call"]).queryset = calls
        self._limit_request_forms(calls.filter(pk=call.pk) if call is not None else calls)
        if editing:
            del self.fields["call"]
            del self.fields["service"]
            return
        open_calls = [call.pk for call in calls if call.state == CallState.OPEN]
        if len(open_calls) == 1:
            self.fields["call"].initial = open_calls[0]
        self._prefill_current_capacity(services, calls)

    def _limit_request_forms(self, calls: QuerySet[Call]) -> None:
        """The forms of the calls one may file into; no field when none has forms (the
        call asks for no form)."""
        request_forms = RequestForm.objects.filter(call__in=calls).select_related("call")
        if not request_forms.exists():
            del self.fields["request_form"]
            return
        field = cast("RequestFormChoiceField", self.fields["request_form"])
        field.queryset = request_forms
        field.with_call = len({form.call_id for form in request_forms}) > 1

    def _prefill_current_capacity(
        self, services: QuerySet[SocialService], calls: QuerySet[Call]
    ) -> None:
        """The register's capacity of each (call, service) pair rides on the input, so the
        page's script fills it in when the person picks them (no inline script: CSP); the
        server fills it in for the pair chosen already."""
        period_of_call = {call.pk: call.period_id for call in calls}
        known = capacities_in_network(
            service_ids=services.values_list("pk", flat=True),
            period_ids=set(period_of_call.values()),
        )
        in_register = {
            f"{call_id}-{service_id}": capacity
            for call_id, period_id in period_of_call.items()
            for (service_id, entry_period_id), capacity in known.items()
            if entry_period_id == period_id
        }
        field = self.fields["capacity_current"]
        field.widget.attrs["data-register"] = json.dumps(
            {key: format_decimal(capacity) for key, capacity in in_register.items()}
        )
        call_id = self.initial.get("call") or self.fields["call"].initial
        chosen = f"{call_id}-{self.initial.get('service')}"
        if not self.is_bound and chosen in in_register:
            self.initial["capacity_current"] = in_register[chosen]


class ServiceForm(forms.ModelForm):
    """A new service; a user of several providers chooses whose it is."""

    def __init__(self, *args: Any, providers: QuerySet[Provider], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(providers) > 1:
            self.fields = {
                "provider": forms.ModelChoiceField(
                    queryset=providers, label=_("Provider"), empty_label=None
                ),
                **self.fields,
            }

    class Meta:
        model = SocialService
        fields = [
            "name",
            "registration_number",
            "registered_on",
            "service_type",
            "form",
            "target_groups",
            "orps",
        ]
        widgets = {
            "registered_on": DATE,
            "orps": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
        }


class AttachmentForm(Form):
    id_prefix = "attachment"
    kind = forms.ChoiceField(
        choices=AttachmentKind.choices, label=_("Kind of document"), widget=LongSelect
    )
    requirement = forms.ModelChoiceField(
        RequiredDocument.objects.none(),
        label=_("Required document"),
        required=False,
        widget=LongSelect,
        help_text=_("Which of the documents the request form asks for this file is."),
    )
    file = forms.FileField(label=_("File"))

    def __init__(self, *args: Any, request_form_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        documents = RequiredDocument.objects.filter(form_id=request_form_id)
        if request_form_id is None or not documents.exists():
            del self.fields["requirement"]
            return
        cast(
            "forms.ModelChoiceField[RequiredDocument]", self.fields["requirement"]
        ).queryset = documents


class CommentForm(Form):
    id_prefix = "comment"
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReturnForm(Form):
    id_prefix = "return"
    reason = forms.CharField(
        label=_("What the provider has to complete"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    due = forms.DateField(
        label=_("Complete by"),
        required=False,
        widget=DATE,
        help_text=_("Empty: the call's number of working days from today."),
    )


class DecisionForm(Form):
    """The region's decision; on the plan list (for the ticked plans) and the plan page, so
    its selects are rendered in Python (LongSelect, Django's markup)."""

    id_prefix = "decision"
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(s.value, s.label) for s in DECIDED_STATES],
        widget=LongSelect,
    )
    approved_capacity = DecimalCommaField(
        label=_("Approved capacity"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text=_("Empty: the requested capacity."),
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    remedy_due = forms.DateField(label=_("Remedy by"), required=False, widget=DATE)
    level = forms.ChoiceField(
        label=_("Level in the network"),
        required=False,
        choices=[
            ("", _("as the outcome says")),
            *[(level.value, level.label) for level in DECISION_LEVELS],
        ],
        help_text=_("Empty: included, or Z1v for an inclusion with conditions."),
        widget=LongSelect,
    )
    body = forms.ChoiceField(
        label=_("Deciding body"), choices=DecidingBody.choices, widget=LongSelect
    )
    resolution_number = forms.CharField(
        label=_("Resolution no."), max_length=30, help_text=_("e.g. 258/17/ZK")
    )
    resolution_date = forms.DateField(label=_("Resolution date"), widget=DATE)


class OpinionForm(Form):
    id_prefix = "opinion"
    verdict = forms.ChoiceField(
        label=_("Verdict"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    reasoning = forms.CharField(
        label=_("Reasoning"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the municipality supports the plan or not."),
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for support with conditions: what the provider must meet."),
    )
    cofinancing_amount = DecimalCommaField(label=_("Co-financing committed (CZK)"), **MONEY)


class ResolutionForm(Form):
    id_prefix = "resolution"
    number = forms.CharField(
        label=_("Resolution number"), max_length=20, help_text=_("number/year, e.g. 827/2017")
    )
    meeting_date = forms.DateField(label=_("Meeting date"), widget=DATE)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ResolutionOutcome.choices, widget=forms.RadioSelect
    )
    document = forms.FileField(label=_("Resolution document"), required=False)
