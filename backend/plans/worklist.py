"""What waits for a user: the personal inbox of tasks with their deadlines."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from backend.accounts.rules import roles_of
from backend.core.deadlines import local_date
from backend.plans.models import DevelopmentPlan, MunicipalOpinion
from workflows.call_lifecycle.states import CallState
from workflows.opinion_review.states import OpinionState
from workflows.plan_review.states import PlanState


@dataclass(frozen=True)
class Task:
    what: str
    subject: str
    url: str
    deadline: dt.date | None
    plan_id: int | None = None


def worklist_for_user(*, user: Any) -> list[Task]:
    """Plans to complete or submit, opinions due, resolutions to record, decisions due;
    the most urgent first."""
    roles = roles_of(user)
    tasks: list[Task] = []
    # A region's officer may have thousands of plans waiting: each call's deadlines are
    # resolved once (working days over the holidays), not once per plan.
    deadlines: dict[tuple[int, str], dt.date | None] = {}

    def deadline(call: Any, name: str) -> dt.date | None:
        if (call.pk, name) not in deadlines:
            deadlines[call.pk, name] = getattr(call, name)
        return deadlines[call.pk, name]

    plans = DevelopmentPlan.objects.select_related("call", "service", "provider")
    # A draft in a closed call can no longer be submitted: it is not a task any more.
    for plan in plans.filter(
        Q(state=PlanState.RETURNED)
        | Q(state=PlanState.DRAFT, call__state__in=[CallState.PLANNED, CallState.OPEN]),
        provider_id__in=roles.provider_ids,
    ):
        if plan.state == PlanState.RETURNED:
            tasks.append(
                Task(
                    _("Complete the returned plan"),
                    str(plan),
                    _url(plan),
                    plan.completion_due,
                    plan.pk,
                )
            )
        else:
            tasks.append(
                Task(
                    _("Submit the draft"),
                    str(plan),
                    _url(plan),
                    local_date(plan.call.closes_at),
                    plan.pk,
                )
            )
    opinions = MunicipalOpinion.objects.select_related(
        "plan__call", "plan__service", "municipality"
    )
    for opinion in opinions.filter(
        municipality_id__in=roles.officer_municipality_ids,
        state__in=[OpinionState.REQUESTED, OpinionState.DRAFTED],
    ):
        tasks.append(
            Task(
                _("Give the municipality's opinion"),
                str(opinion.plan),
                _url(opinion.plan),
                opinion.due_date,
                opinion.plan_id,
            )
        )
    for opinion in opinions.filter(
        municipality_id__in=roles.secretary_municipality_ids,
        state=OpinionState.AWAITING_COUNCIL,
    ):
        tasks.append(
            Task(
                _("Record the council resolution"),
                str(opinion.plan),
                _url(opinion.plan),
                deadline(opinion.plan.call, "council_deadline"),
                opinion.plan_id,
            )
        )
    for plan in plans.filter(
        Q(call__region_id__in=roles.region_ids), state=PlanState.AWAITING_DECISION
    ):
        tasks.append(
            Task(
                _("Decide on the plan"),
                str(plan),
                _url(plan),
                deadline(plan.call, "decision_date"),
                plan.pk,
            )
        )
    return sorted(tasks, key=lambda task: (task.deadline is None, task.deadline or dt.date.max))


def _url(plan: DevelopmentPlan) -> str:
    return reverse("plans:detail", args=[plan.pk])
