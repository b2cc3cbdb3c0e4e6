"""Reads of the audit trail: one plan's timeline, merged from the four records of what
happened (`sources.py`), in a fixed number of queries whatever the plan's length of life."""

import datetime as dt
from typing import Any

from backend.machines.plan_review.transitions import PlanTransition
from backend.plans.models import DevelopmentPlan
from backend.plans.rules import is_plan_provider, is_plan_regional_officer
from backend.timeline import sources
from backend.timeline.entries import EntryKind, Subject, TimelineEntry


def plan_timeline(*, plan: DevelopmentPlan, user: Any) -> list[TimelineEntry]:
    """Everything that happened to a plan the user may see, oldest first: state changes of the
    plan and its opinions, changes of their data (and of the council resolutions and the
    decision), deadline changes, and documents attached or generated.

    The caller has checked that the user may see the plan (`plan_get_for_user`). Who may see
    the plan as a draft (its provider, the regional office) also sees what happened before
    the plan was submitted; the municipalities see the plan from its submission on."""
    history = sources.History(plan)
    logs = sources.plan_state_logs(plan)
    folded = sources.fold_transition_saves(logs, history)
    entries = [
        *sources.state_entries(logs, folded.by_log, history),
        *folded.field_entries,
        *sources.deadline_entries(plan, history),
        *sources.document_entries(plan, history),
    ]
    if not (is_plan_provider(user, plan) or is_plan_regional_officer(user, plan)):
        plan_type = sources.content_type(DevelopmentPlan).pk
        submitted = min(
            (
                log.timestamp
                for log in logs
                if log.content_type_id == plan_type and log.transition == PlanTransition.SUBMIT
            ),
            default=None,
        )
        entries = [e for e in entries if not _before_submission(e, submitted)]
    return sorted(entries, key=lambda entry: entry.sort_key)


def _before_submission(entry: TimelineEntry, submitted: dt.datetime | None) -> bool:
    """A change of the plan's data while it was a draft (the draft is its provider's)."""
    return (
        entry.subject == Subject.PLAN
        and entry.kind == EntryKind.FIELDS
        and (submitted is None or entry.when < submitted)
    )
