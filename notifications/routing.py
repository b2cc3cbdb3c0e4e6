"""Who is told what about each domain event of the outbox.

The provider's users hear of every step of their plan; the municipal officers of the
municipalities giving opinions hear of the steps that concern them; council secretaries of
opinions sent to their council; the regional officers of escalations (their daily digest
covers the rest). Whoever caused the event is not told about it, except for a confirmation:
every user of the provider, the submitter included, gets one of a submission or
resubmission, saying what happens next and by when.
"""

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

from django.contrib.contenttypes.models import ContentType

from backend.accounts.models import Role
from backend.announcements.selectors import call_subscriber_ids
from backend.calls.models import Call
from backend.calls.services import ANNOUNCE
from backend.casework.models import Assignment
from backend.casework.services import ASSIGN
from backend.clarifications.models import Audience, Message
from backend.clarifications.selectors import plan_concerned_municipality_ids
from backend.clarifications.services import POST_EVENT
from backend.core.deadlines import local_date
from backend.events.models import Event
from backend.events.services import event_kind
from backend.machines.call_lifecycle.transitions import CallTransition
from backend.machines.opinion_review.states import OPEN_STATES, OpinionState
from backend.machines.opinion_review.transitions import OpinionTransition
from backend.machines.plan_review.transitions import PlanTransition
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from notifications.kinds import CONFIRMATION_KINDS, Kind
from notifications.recipients import members, members_by_organisation, owner_or
from notifications.remedies import REMEDY_HANDLERS
from notifications.services import Notice
from workflows.deadlines import CHANGE_EVENT
from workflows.models import DeadlineChange

Handler = Callable[[Event, Any], list[Notice]]


def _notices(
    event: Event, subject: Any, kind: str, user_ids: list[int], **extra: Any
) -> list[Notice]:
    content_type = ContentType.objects.get_for_model(subject)
    context = {
        "transition": event.transition,
        "source": event.source_state,
        "target": event.target_state,
        "comment": event.comment,
        **extra,
    }
    return [
        Notice(
            recipient_id=user_id,
            kind=kind,
            content_type_id=content_type.pk,
            object_id=subject.pk,
            deadline=local_date(event.occurred_at),
            occasion=f"event-{event.pk}",
            event_id=event.pk,
            context=context,
        )
        for user_id in dict.fromkeys(user_ids)
    ]


def _providers(plan: DevelopmentPlan) -> list[int]:
    return members(role=Role.PROVIDER_USER, organisation_id=plan.provider_id)


def _officers(plan: DevelopmentPlan, states: tuple[str, ...] | None = None) -> list[int]:
    opinions = plan.opinions.all()
    if states is not None:
        opinions = opinions.filter(state__in=states)
    by_municipality = members_by_organisation(
        role=Role.MUNICIPAL_OFFICER,
        organisation_ids=opinions.values_list("municipality_id", flat=True),
    )
    return [user for users in by_municipality.values() for user in users]


def _next_steps(event: Event, plan: DevelopmentPlan) -> dict[str, Any]:
    """When the plan arrived and what it waits for, with the deadlines as they stand: the
    open opinions (a resubmitted plan's may already wait for a council), the call's council
    deadline and its planned decision date."""
    opinions = plan.opinions.filter(state__in=OPEN_STATES).select_related("municipality")
    waiting = []
    for opinion in opinions.order_by("municipality__name"):
        council = opinion.state == OpinionState.AWAITING_COUNCIL
        due = opinion.council_due if council else opinion.due_date
        waiting.append(
            {"municipality": str(opinion.municipality), "council": council, "due": _iso(due)}
        )
    return {
        "at": event.occurred_at.isoformat(),
        "opinions": waiting,
        "council_due": _iso(plan.call.council_deadline) if waiting else None,
        "decision_date": _iso(plan.call.decision_date),
    }


def _submitted(event: Event, plan: DevelopmentPlan) -> list[Notice]:
    steps = _next_steps(event, plan)
    found = _notices(event, plan, Kind.SUBMISSION_CONFIRMED, _providers(plan), **steps)
    for opinion in plan.opinions.filter(state__in=OPEN_STATES):
        found += _notices(
            event,
            opinion,
            Kind.OPINION_REQUESTED,
            owner_or(
                opinion,
                members(role=Role.MUNICIPAL_OFFICER, organisation_id=opinion.municipality_id),
            ),
            due=_iso(opinion.due_date),
        )
    return found


def _returned(event: Event, plan: DevelopmentPlan) -> list[Notice]:
    return _notices(
        event, plan, Kind.PLAN_RETURNED, _providers(plan), due=_iso(plan.completion_due)
    ) + _notices(event, plan, Kind.PLAN_CHANGED, _officers(plan, OPEN_STATES))


def _moved_on(event: Event, plan: DevelopmentPlan) -> list[Notice]:
    return _notices(event, plan, Kind.PLAN_CHANGED, _providers(plan))


def _withdrawn(event: Event, plan: DevelopmentPlan) -> list[Notice]:
    return _notices(event, plan, Kind.PLAN_CHANGED, _providers(plan) + _officers(plan))


def _lapsed(event: Event, plan: DevelopmentPlan) -> list[Notice]:
    return _notices(event, plan, Kind.PLAN_LAPSED, _providers(plan)) + _notices(
        event, plan, Kind.PLAN_CHANGED, _officers(plan)
    )


def _decided(event: Event, plan: DevelopmentPlan) -> list[Notice]:
    officers = _officers(plan, (OpinionState.ISSUED, OpinionState.NOT_GIVEN))
    return _notices(event, plan, Kind.PLAN_DECIDED, _providers(plan) + officers)


def _opinion_step(event: Event, opinion: MunicipalOpinion) -> list[Notice]:
    """Sent to the council, issued, or the resolution recorded: the plan's provider hears of
    it; the council's secretaries hear of an opinion waiting for them; the officers of the
    resolution."""
    plan = opinion.plan
    users = _providers(plan)
    municipality = opinion.municipality_id
    if event.transition == OpinionTransition.SEND_TO_COUNCIL:
        users += members(role=Role.COUNCIL_SECRETARY, organisation_id=municipality)
    if event.transition == OpinionTransition.RECORD_RESOLUTION:
        users += members(role=Role.MUNICIPAL_OFFICER, organisation_id=municipality)
    return _notices(
        event,
        plan,
        Kind.PLAN_CHANGED,
        users,
        municipality=str(opinion.municipality),
        verdict=opinion.verdict,
        council_due=_iso(opinion.council_due),
    )


def _not_given(event: Event, opinion: MunicipalOpinion) -> list[Notice]:
    plan = opinion.plan
    told = _providers(plan) + owner_or(
        opinion, members(role=Role.MUNICIPAL_OFFICER, organisation_id=opinion.municipality_id)
    )
    regional = owner_or(
        plan, members(role=Role.REGIONAL_OFFICER, organisation_id=plan.call.region_id)
    )
    missed = opinion.due_date
    if event.source_state == OpinionState.AWAITING_COUNCIL and opinion.council_due is not None:
        missed = opinion.council_due
    return _notices(event, opinion, Kind.OPINION_NOT_GIVEN, told, due=_iso(missed)) + _notices(
        event, opinion, Kind.ESCALATION, regional, due=_iso(missed)
    )


def _deadline_moved(event: Event, change: Any) -> list[Notice]:
    opinion = change.opinion
    if opinion is None:
        users = _providers(change.plan)
    else:
        if change.field == "council_due":
            users = members(role=Role.COUNCIL_SECRETARY, organisation_id=opinion.municipality_id)
        else:
            users = owner_or(
                opinion,
                members(role=Role.MUNICIPAL_OFFICER, organisation_id=opinion.municipality_id),
            )
    return _notices(
        event,
        change.subject,
        Kind.DEADLINE_CHANGED,
        users,
        field=change.field,
        cause=change.cause,
        old=_iso(change.old_date),
        new=_iso(change.new_date),
        working_days=change.working_days,
    )


def _assigned(event: Event, case: Any) -> list[Notice]:
    """The new owner of a plan or an opinion hears that it is theirs now."""
    assignment = Assignment.objects.filter(event_id=event.pk).first()
    if assignment is None or assignment.assignee_id is None:
        return []
    plan = case if isinstance(case, DevelopmentPlan) else case.plan
    return _notices(event, case, Kind.CASE_ASSIGNED, [assignment.assignee_id], plan=plan.pk)


def _message_posted(event: Event, message: Message) -> list[Notice]:
    """The other side of the audience hears of a new message (never its text: the notice
    names the plan and the audience, the message is read in the application). An internal
    note is told to the other regional officers only; a message shared with the provider
    to the provider's users when the office wrote it, else to the plan's owner at the office
    (every officer when nobody owns it); one shared with the municipalities likewise to the
    officers of the municipalities the plan concerns."""
    plan = message.plan
    office = members(role=Role.REGIONAL_OFFICER, organisation_id=plan.call.region_id)
    if message.author_id not in office:
        # An answer of the provider or a municipality: the case's owner first.
        users = owner_or(plan, office)
    elif message.audience == Audience.INTERNAL:
        users = office
    elif message.audience == Audience.PROVIDER:
        users = _providers(plan)
    else:
        by_municipality = members_by_organisation(
            role=Role.MUNICIPAL_OFFICER,
            organisation_ids=plan_concerned_municipality_ids(plan=plan),
        )
        users = [user for found in by_municipality.values() for user in found]
    return _notices(
        event, plan, Kind.MESSAGE_POSTED, users, audience=message.audience, message=message.pk
    )


def _call_stage(event: Event, call: Call) -> list[Notice]:
    """A call announced or opened (by hand or on schedule): its subscribers are told, once
    per call and stage (the occasion names the stage, so a repeat is dropped)."""
    kind = Kind.CALL_ANNOUNCED if event.transition == ANNOUNCE else Kind.CALL_OPENED
    notices = _notices(
        event,
        call,
        kind,
        call_subscriber_ids(call=call),
        opens_at=call.opens_at.isoformat(),
        closes_at=call.closes_at.isoformat(),
    )
    stage = f"call-{event.transition}"
    return [replace(n, occasion=stage, deadline=local_date(call.opens_at)) for n in notices]


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


_PLAN_HANDLERS: dict[PlanTransition, Handler] = {
    PlanTransition.SUBMIT: _submitted,
    PlanTransition.RESUBMIT: _submitted,
    PlanTransition.RETURN_FOR_COMPLETION: _returned,
    PlanTransition.ROUTE: _moved_on,
    PlanTransition.WITHDRAW: _withdrawn,
    PlanTransition.LAPSE: _lapsed,
    PlanTransition.DECIDE: _decided,
}
_OPINION_HANDLERS: dict[OpinionTransition, Handler] = {
    OpinionTransition.SEND_TO_COUNCIL: _opinion_step,
    OpinionTransition.ISSUE: _opinion_step,
    OpinionTransition.RECORD_RESOLUTION: _opinion_step,
    OpinionTransition.EXPIRE: _not_given,
}
# By the event's kind, `event_kind(model, transition)` (e.g. `developmentplan.submit`).
HANDLERS: dict[str, Handler] = {
    **{event_kind(DevelopmentPlan, t): h for t, h in _PLAN_HANDLERS.items()},
    **{event_kind(MunicipalOpinion, t): h for t, h in _OPINION_HANDLERS.items()},
    event_kind(DeadlineChange, CHANGE_EVENT): _deadline_moved,
    event_kind(DevelopmentPlan, ASSIGN): _assigned,
    event_kind(MunicipalOpinion, ASSIGN): _assigned,
    **{kind: partial(handler, notices=_notices) for kind, handler in REMEDY_HANDLERS.items()},
    event_kind(Message, POST_EVENT): _message_posted,
    event_kind(Call, ANNOUNCE): _call_stage,
    event_kind(Call, CallTransition.OPEN): _call_stage,
}


def notices_for_event(event: Event) -> list[Notice]:
    """The notifications one event implies ([] for events nobody is told about, such as a
    saved opinion draft or a call closing)."""
    handler = HANDLERS.get(event.kind)
    subject = event.subject if handler else None
    if handler is None or subject is None:
        return []
    return [
        n
        for n in handler(event, subject)
        if n.recipient_id != event.actor_id or n.kind in CONFIRMATION_KINDS
    ]
