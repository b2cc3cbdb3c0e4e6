"""Bench-only endpoints, served only under `bench.settings` (production never imports them).

- **The baseline**: what DRF on this gunicorn costs with no database work at all.
- **Two transition floors**: a provider's submit reduced to what it cannot do without, to
  tell the cost of the records a transition must leave from the cost of the machine. Both
  answer only `{id, state, version}` and skip the permission rules, the guards (the call's
  window, the registration), the PDF, the Celery publishes and the plan's detail:
  - `records`: the plan in the caller's scope and locked in one query, an opinion request
    for each ORP seat (with its field-history row), the `StateLog` row, the plan's new state
    with its field-history row, and the outbox event;
  - `state`: the locked plan's `StateLog` row and its new state, nothing else.

The floors write the state the shortest way the ORM allows, outside `workflows/` — as
`bench/seed.py` does with `bulk_create` —, which the application never does: they exist to
be measured, not used.
"""

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django_fsm_log.models import StateLog
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.rules import roles_of
from backend.events.models import Event
from backend.events.services import event_kind
from backend.machines.errors import TransitionConflict
from backend.machines.plan_review.states import PlanState
from backend.machines.plan_review.transitions import PlanTransition
from backend.plans.models import DevelopmentPlan, MunicipalOpinion

PAYLOAD = {"status": "ok", "items": [1, 2, 3]}


class Baseline(APIView):
    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes: list[type] = []

    def get(self, request: Request) -> Response:
        return Response(PAYLOAD)


def _locked_draft(request: Request, pk: int) -> DevelopmentPlan:
    """The caller's draft `pk`, locked (404 outside the caller's scope, 409 once submitted)."""
    plan = (
        DevelopmentPlan.objects.select_for_update()
        .filter(pk=pk, provider__in=roles_of(request.user).provider_ids)
        .first()
    )
    if plan is None:
        raise NotFound()
    if plan.state != PlanState.DRAFT:
        raise TransitionConflict()
    return plan


def _log(plan: DevelopmentPlan, by: Any) -> ContentType:
    content_type = ContentType.objects.get_for_model(DevelopmentPlan)
    StateLog.objects.create(
        by=by,
        source_state=PlanState.DRAFT,
        state=PlanState.AWAITING_OPINION,
        transition=PlanTransition.SUBMIT,
        content_type=content_type,
        object_id=plan.pk,
    )
    return content_type


class _FloorSubmit(APIView):
    """A bench-only submit: the caller's draft locked, `write` in the same transaction."""

    permission_classes = [IsAuthenticated]
    throttle_classes: list[type] = []

    def post(self, request: Request, pk: int) -> Response:
        with transaction.atomic():
            plan = _locked_draft(request, pk)
            version = self.write(plan, request.user)
        return Response({"id": plan.pk, "state": PlanState.AWAITING_OPINION, "version": version})

    def write(self, plan: DevelopmentPlan, by: Any) -> int:
        """Leave the submit's rows; returns the plan's version after it."""
        raise NotImplementedError


class FloorRecords(_FloorSubmit):
    def write(self, plan: DevelopmentPlan, by: Any) -> int:
        due = timezone.localdate() + dt.timedelta(days=30)
        for seat_id in plan.orps.values_list("seat_id", flat=True):
            MunicipalOpinion.objects.create(plan=plan, municipality_id=seat_id, due_date=due)
        content_type = _log(plan, by)
        # The row's values with the new state, saved as an update: the state is never
        # assigned on a loaded instance (the FSM field is protected).
        values = {f.attname: getattr(plan, f.attname) for f in plan._meta.concrete_fields}
        values.update(state=PlanState.AWAITING_OPINION, submitted_at=timezone.now())
        submitted = DevelopmentPlan(**values)
        submitted._state.adding = False
        submitted._history_user = by
        submitted.save(update_fields=["state", "submitted_at"])
        Event.objects.create(
            kind=event_kind(DevelopmentPlan, PlanTransition.SUBMIT),
            content_type=content_type,
            object_id=plan.pk,
            transition=PlanTransition.SUBMIT,
            source_state=PlanState.DRAFT,
            target_state=PlanState.AWAITING_OPINION,
            actor=by,
        )
        return submitted.version


class FloorState(_FloorSubmit):
    def write(self, plan: DevelopmentPlan, by: Any) -> int:
        _log(plan, by)
        DevelopmentPlan.objects.filter(pk=plan.pk).update(state=PlanState.AWAITING_OPINION)
        return plan.version
