"""factory-boy factories for the domain.

The FSM `state` fields are protected: a state can be given once, at creation (every factory
accepts `state=` and the plan and opinion factories have one trait per state), never assigned
afterwards — later changes go through the workflow actions.
"""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from backend.accounts.models import Membership, Role, User
from backend.calls.models import Call, NetworkPeriod
from backend.machines.call_lifecycle.states import CallState
from backend.machines.opinion_review.states import OpinionState, Verdict
from backend.machines.plan_review.kinds import PlanKind
from backend.machines.plan_review.states import PlanState
from backend.network.models import NetworkEntry
from backend.plans.choices import DecidingBody, ResolutionOutcome
from backend.plans.models import CouncilResolution, DevelopmentPlan, MunicipalOpinion
from backend.registry.choices import LegalForm, ServiceForm
from backend.registry.models import Municipality, Orp, Provider, Region, ServiceType, SocialService
from backend.registry.validators import ico_check_digit

# --- reference data (loaded by the registry's data migration) -----------------------------


def region_liberec() -> Region:
    return Region.objects.get(code="CZ051")


def orp(code: str) -> Orp:
    return Orp.objects.get(code=code)


def municipality(name: str) -> Municipality:
    """A seat town of an ORP by name, e.g. "Liberec" (seat of ORP 5105)."""
    return Municipality.objects.get(name=name, seat_of_orp__isnull=False)


def service_type(paragraph: str) -> ServiceType:
    return ServiceType.objects.get(paragraph=paragraph)


def valid_ico(n: int) -> str:
    """The n-th synthetic IČ with a correct check digit (far from the real ones used)."""
    first_seven = f"{1_000_000 + n:07d}"
    return first_seven + str(ico_check_digit(first_seven))


def _now() -> dt.datetime:
    return timezone.now()


def _today() -> dt.date:
    return timezone.localdate()


# --- people ------------------------------------------------------------------------------


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@test.zsss.example")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.PROVIDER_USER


def user_with_role(role: str, organisation: object, **user_fields: object) -> User:
    """A user with one membership; `organisation` is a Provider, Municipality or Region."""
    user = UserFactory(**user_fields)
    key = {
        Role.PROVIDER_USER: "provider",
        Role.MUNICIPAL_OFFICER: "municipality",
        Role.COUNCIL_SECRETARY: "municipality",
        Role.REGIONAL_OFFICER: "region",
    }[role]
    MembershipFactory(user=user, role=role, **{key: organisation})
    return user


# --- organisations -----------------------------------------------------------------------


class ProviderFactory(DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ("ico",)

    name = factory.Sequence(lambda n: f"Poskytovatel {n}, z. s.")
    ico = factory.Sequence(valid_ico)
    legal_form = LegalForm.ASSOCIATION
    address = "Sokolská 1, 460 01 Liberec"


class SocialServiceFactory(DjangoModelFactory):
    """By default a sheltered-housing service (§ 51, residential, beds) in ORP Liberec."""

    class Meta:
        model = SocialService
        skip_postgeneration_save = True

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Chráněné bydlení {n}")
    registration_number = factory.Sequence(lambda n: f"{9_000_000 + n}")
    registered_on = dt.date(2015, 1, 1)
    service_type = factory.LazyFunction(lambda: service_type("51"))
    form = ServiceForm.RESIDENTIAL
    capacity_unit = factory.LazyAttribute(lambda s: s.service_type.unit_for_form(s.form))

    @factory.post_generation
    def orps(self, create: bool, extracted: list[Orp] | None, **kwargs: object) -> None:
        if create:
            self.orps.set(extracted if extracted is not None else [orp("5105")])


# --- calls -------------------------------------------------------------------------------


class NetworkPeriodFactory(DjangoModelFactory):
    class Meta:
        model = NetworkPeriod
        django_get_or_create = ("start_year", "end_year")

    start_year = 2026
    end_year = 2028


class CallFactory(DjangoModelFactory):
    """A call whose window is around now (opened yesterday, closes in two weeks)."""

    class Meta:
        model = Call

    region = factory.LazyFunction(region_liberec)
    period = factory.SubFactory(NetworkPeriodFactory)
    name = factory.Sequence(lambda n: f"Výzva {n} k předkládání rozvojových záměrů")
    opens_at = factory.LazyFunction(lambda: _now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: _now() + dt.timedelta(days=14))
    opinion_deadline_days = 10
    council_deadline_days = 10
    decision_date_days = 10
    state = CallState.PLANNED

    class Params:
        open = factory.Trait(state=CallState.OPEN)
        closed = factory.Trait(state=CallState.CLOSED)
        finished = factory.Trait(state=CallState.FINISHED)


# --- plans -------------------------------------------------------------------------------


class DevelopmentPlanFactory(DjangoModelFactory):
    """A complete capacity-increase plan (3 → 15 beds) in ORP Liberec, in an open call.

    One trait per plan state, e.g. `DevelopmentPlanFactory(awaiting_decision=True)`; the
    trait also fills what that state implies (submission time, completion due date, …).
    """

    class Meta:
        model = DevelopmentPlan
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory, open=True)
    service = factory.SubFactory(SocialServiceFactory)
    provider = factory.SelfAttribute("service.provider")
    kind = PlanKind.CAPACITY_INCREASE
    capacity_current = Decimal(3)
    capacity_requested = Decimal(15)
    capacity_unit = factory.SelfAttribute("service.capacity_unit")
    justification = "Poptávka po službě převyšuje kapacitu (komunitní plán města Liberec)."
    state = PlanState.DRAFT

    class Params:
        submitted = factory.Trait(submitted_at=factory.LazyFunction(_now))
        draft = factory.Trait(state=PlanState.DRAFT)
        awaiting_opinion = factory.Trait(submitted=True, state=PlanState.AWAITING_OPINION)
        awaiting_council = factory.Trait(submitted=True, state=PlanState.AWAITING_COUNCIL)
        awaiting_decision = factory.Trait(submitted=True, state=PlanState.AWAITING_DECISION)
        returned = factory.Trait(
            submitted=True,
            state=PlanState.RETURNED,
            return_reason="Doložte rozpočet.",
            completion_due=factory.LazyFunction(lambda: _today() + dt.timedelta(days=14)),
        )
        lapsed = factory.Trait(
            submitted=True,
            state=PlanState.LAPSED,
            completion_due=factory.LazyFunction(lambda: _today() - dt.timedelta(days=1)),
        )
        withdrawn = factory.Trait(submitted=True, state=PlanState.WITHDRAWN)
        included = factory.Trait(
            submitted=True, state=PlanState.INCLUDED, decided_at=factory.LazyFunction(_now)
        )
        included_with_conditions = factory.Trait(
            submitted=True,
            state=PlanState.INCLUDED_WITH_CONDITIONS,
            decided_at=factory.LazyFunction(_now),
        )
        not_included = factory.Trait(
            submitted=True, state=PlanState.NOT_INCLUDED, decided_at=factory.LazyFunction(_now)
        )

    @factory.post_generation
    def orps(self, create: bool, extracted: list[Orp] | None, **kwargs: object) -> None:
        if create:
            self.orps.set(extracted if extracted is not None else [orp("5105")])


def plan_in_state(state: str, **fields: object) -> DevelopmentPlan:
    """A plan created directly in `state` (with the fields that state implies)."""
    return DevelopmentPlanFactory(**{str(state): True}, **fields)


class MunicipalOpinionFactory(DjangoModelFactory):
    """The City of Liberec's opinion on a plan awaiting opinions; one trait per state."""

    class Meta:
        model = MunicipalOpinion

    plan = factory.SubFactory(DevelopmentPlanFactory, awaiting_opinion=True)
    municipality = factory.LazyFunction(lambda: municipality("Liberec"))
    due_date = factory.LazyFunction(lambda: _today() + dt.timedelta(days=14))
    state = OpinionState.REQUESTED

    class Params:
        requested = factory.Trait(state=OpinionState.REQUESTED)
        drafted = factory.Trait(state=OpinionState.DRAFTED, verdict=Verdict.SUPPORTS)
        awaiting_council = factory.Trait(
            state=OpinionState.AWAITING_COUNCIL, verdict=Verdict.SUPPORTS, needs_council=True
        )
        issued = factory.Trait(
            state=OpinionState.ISSUED,
            verdict=Verdict.SUPPORTS,
            issued_at=factory.LazyFunction(_now),
        )
        not_given = factory.Trait(state=OpinionState.NOT_GIVEN)
        cancelled = factory.Trait(state=OpinionState.CANCELLED)


def opinion_in_state(state: str, **fields: object) -> MunicipalOpinion:
    return MunicipalOpinionFactory(**{str(state): True}, **fields)


class CouncilResolutionFactory(DjangoModelFactory):
    class Meta:
        model = CouncilResolution

    municipality = factory.LazyFunction(lambda: municipality("Liberec"))
    number = factory.Sequence(lambda n: f"{n + 1}/2025")
    meeting_date = dt.date(2025, 6, 2)
    outcome = ResolutionOutcome.APPROVED


# --- network register --------------------------------------------------------------------


class NetworkEntryFactory(DjangoModelFactory):
    class Meta:
        model = NetworkEntry
        skip_postgeneration_save = True

    service = factory.SubFactory(SocialServiceFactory)
    period = factory.SubFactory(NetworkPeriodFactory)
    form = factory.SelfAttribute("service.form")
    capacity = Decimal(3)
    unit = factory.SelfAttribute("service.capacity_unit")
    status = PlanState.INCLUDED

    @factory.post_generation
    def orps(self, create: bool, extracted: list[Orp] | None, **kwargs: object) -> None:
        if create:
            self.orps.set(extracted if extracted is not None else [orp("5105")])


DECISION_DEFAULTS = {
    "body": DecidingBody.REGIONAL_COUNCIL,
    "resolution_number": "258/17/ZK",
    "resolution_date": dt.date(2025, 6, 23),
}
