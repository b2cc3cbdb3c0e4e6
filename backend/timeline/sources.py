"""The four records of what happened to a plan, read and turned into timeline entries
(`selectors.plan_timeline` merges them): the transition log, the field history, the deadline
changes and the documents.

A transition saves its row right after logging it: that historical row's field changes (the
verdict of a drafted opinion, a returned plan's completion deadline) are shown with the state
change, not as a second entry. A deadline moved outside a transition is shown once, from the
deadline change that says why.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, prefetch_related_objects
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_fsm_log.models import StateLog

from backend.documents.selectors import plan_documents_prefetch
from backend.events.models import Event
from backend.plans.filters import AmongIds
from backend.plans.models import (
    CouncilResolution,
    DevelopmentPlan,
    MunicipalOpinion,
    RegionalDecision,
)
from backend.plans.selectors import plan_attachments_prefetch
from backend.timeline.entries import (
    Change,
    EntryKind,
    Subject,
    TimelineEntry,
    changes_between,
    value_text,
)
from workflows.diagram import transition_labels
from workflows.models import DeadlineChange, DeadlineField

# Fields a change of which is bookkeeping or told by another entry: the state (the state
# change), the moments of the transitions, the version counter, the return reason (the
# return's comment), the days suspended (the stop-the-clock deadline change), the resolution's
# file (a document entry).
NOISE = frozenset(
    {
        "id",
        "version",
        "state",
        "created_at",
        "updated_at",
        "submitted_at",
        "returned_at",
        "decided_at",
        "issued_at",
        "requested_at",
        "recorded_at",
        "return_reason",
        "clock_suspended_days",
        "document",
    }
)
# Outside a transition a deadline moves only through `workflows/deadlines.py`, which writes
# the DeadlineChange entry.
DEADLINES = frozenset(DeadlineField.values)


def content_type(model: type[Model]) -> ContentType:
    return ContentType.objects.get_for_model(model)  # cached after the first time


def plan_state_logs(plan: DevelopmentPlan) -> list[StateLog]:
    """The transitions of the plan and of its opinions, oldest first."""
    opinions = MunicipalOpinion.objects.filter(plan_id=plan.pk)
    return list(
        StateLog.objects.filter(
            Q(content_type=content_type(DevelopmentPlan), object_id=plan.pk)
            # `object_id IN (SELECT …)` in an OR made PostgreSQL read every opinion's log
            # (≈ 190 000 rows at 100 000 plans, 46 ms); over an array it reads the object
            # ids' index for both sides (0.1 ms).
            | (Q(content_type=content_type(MunicipalOpinion)) & Q(AmongIds("object_id", opinions)))
        )
        .select_related("by")
        .order_by("timestamp", "id")
    )


class History:
    """The historical rows of the plan, its opinions, their resolutions and the decision."""

    def __init__(self, plan: DevelopmentPlan) -> None:
        def rows(model: type[Model], *related: str, **lookup: Any) -> list[Any]:
            return list(
                model.history.filter(**lookup)  # type: ignore[attr-defined]  # simple-history adds `history`
                .select_related("history_user", *related)
                .order_by("history_date", "history_id")
            )

        self.plan = rows(DevelopmentPlan, "created_by", id=plan.pk)
        self.opinions = rows(MunicipalOpinion, "municipality", plan_id=plan.pk)
        resolution_ids = {row.resolution_id for row in self.opinions if row.resolution_id}
        self.resolutions = rows(
            CouncilResolution, "municipality", "recorded_by", id__in=resolution_ids
        )
        self.decision = rows(RegionalDecision, "decided_by", plan_id=plan.pk)
        self.municipality_of = {row.id: row.municipality.name for row in self.opinions}

    def opinion_label(self, opinion_id: int | None) -> str:
        name = self.municipality_of.get(opinion_id or 0, f"#{opinion_id}")
        return _("Opinion of %(municipality)s") % {"municipality": name}


class _Folded:
    def __init__(self) -> None:
        self.by_log: dict[int, tuple[Change, ...]] = {}
        self.field_entries: list[TimelineEntry] = []


def fold_transition_saves(logs: list[StateLog], history: History) -> _Folded:
    """Give each transition the field changes of the save that followed it, and make an entry
    of every other save that changed something."""
    folded = _Folded()
    logs_of: dict[tuple[int, int], list[StateLog]] = defaultdict(list)
    for log in logs:
        logs_of[(log.content_type_id, log.object_id)].append(log)
    tracked = [
        (DevelopmentPlan, Subject.PLAN, history.plan),
        (MunicipalOpinion, Subject.OPINION, history.opinions),
        (CouncilResolution, Subject.RESOLUTION, history.resolutions),
        (RegionalDecision, Subject.DECISION, history.decision),
    ]
    for model, subject, rows in tracked:
        previous: dict[int, Any] = {}
        for row in rows:
            before = previous.get(row.id)
            previous[row.id] = row
            if row.history_type == "-":
                continue
            logged = _transition_of(row, before, logs_of.get((content_type(model).pk, row.id), []))
            if logged is not None:
                folded.by_log[logged.pk] = changes_between(model, before, row, skip=NOISE)
                continue
            entry = _field_entry(model, subject, before, row, history)
            if entry is not None:
                folded.field_entries.append(entry)
    return folded


def _transition_of(row: Any, before: Any, logs: list[StateLog]) -> StateLog | None:
    """The logged transition whose save wrote `row`: the row changed the state to the one
    the transition went to, and it is the latest such transition logged before the row."""
    if before is None or getattr(row, "state", None) == getattr(before, "state", None):
        return None
    candidates = [
        log for log in logs if log.state == row.state and log.timestamp <= row.history_date
    ]
    return candidates[-1] if candidates else None


def _field_entry(
    model: type[Model], subject: str, before: Any, row: Any, history: History
) -> TimelineEntry | None:
    if before is None:
        summary, changes = _created(model, row, history)
    else:
        changes = changes_between(model, before, row, skip=NOISE | DEADLINES)
        if not changes:
            return None
        summary = _("Data changed")
    return TimelineEntry(
        when=row.history_date,
        kind=EntryKind.FIELDS,
        subject=subject,
        subject_id=row.id,
        subject_label=_subject_label(subject, row, history),
        who=row.history_user or (_author(row) if before is None else None),
        summary=summary,
        changes=changes,
        order=row.history_id,
    )


def _author(row: Any) -> Any:
    """Who created a record saved outside a request by an action that names no author for
    the history: the record's own author field."""
    for name in ("created_by", "recorded_by", "decided_by"):
        if hasattr(row, f"{name}_id"):
            return getattr(row, name)
    return None


def _created(model: type[Model], row: Any, history: History) -> tuple[str, tuple[Change, ...]]:
    if model is DevelopmentPlan:
        return _("Plan created"), ()
    changes = changes_between(model, None, row, skip=NOISE)
    if model is MunicipalOpinion:
        return _("Opinion requested"), changes
    if model is CouncilResolution:
        return _("Council resolution recorded"), changes
    return _("Decision recorded"), changes


def _subject_label(subject: str, row: Any, history: History) -> str:
    if subject == Subject.OPINION:
        return history.opinion_label(row.id)
    if subject == Subject.RESOLUTION:
        return _("Council resolution of %(municipality)s no. %(number)s") % {
            "municipality": row.municipality.name,
            "number": row.number,
        }
    return capfirst(str(Subject(subject).label))


def on_behalf(logs: list[StateLog]) -> dict[int, Any]:
    """{log id: the absent officer} of the transitions a substitute made on their behalf.

    The log row and its outbox event are written by the same call (`run_transition`), the
    log first: each is paired with the first event after it of the same subject, transition
    and actor."""
    if not logs:
        return {}
    events = list(
        Event.objects.filter(
            on_behalf_of__isnull=False,
            content_type_id__in={log.content_type_id for log in logs},
            object_id__in={log.object_id for log in logs},
        )
        .select_related("on_behalf_of")
        .order_by("occurred_at", "id")
    )
    found: dict[int, Any] = {}
    for event in events:
        match = next(
            (
                log
                for log in logs
                if log.content_type_id == event.content_type_id
                and log.object_id == event.object_id
                and log.transition == event.transition
                and log.by_id == event.actor_id
                and log.timestamp <= event.occurred_at
                and log.pk not in found
                and (event.occurred_at - log.timestamp).total_seconds() < 60
            ),
            None,
        )
        if match is not None:
            found[match.pk] = event.on_behalf_of
    return found


def state_entries(
    logs: Iterable[StateLog], changes: dict[int, tuple[Change, ...]], history: History
) -> list[TimelineEntry]:
    plan_type = content_type(DevelopmentPlan).pk
    models: dict[int, type[DevelopmentPlan] | type[MunicipalOpinion]] = {
        plan_type: DevelopmentPlan,
        content_type(MunicipalOpinion).pk: MunicipalOpinion,
    }
    labels = {key: transition_labels(model) for key, model in models.items()}
    state_field = {key: model._meta.get_field("state") for key, model in models.items()}
    logs = list(logs)
    substituted = on_behalf(logs)
    entries = []
    for log in logs:
        key = log.content_type_id
        is_plan = key == plan_type
        entries.append(
            TimelineEntry(
                when=log.timestamp,
                kind=EntryKind.STATE,
                subject=Subject.PLAN if is_plan else Subject.OPINION,
                subject_id=log.object_id,
                subject_label=_("Plan") if is_plan else history.opinion_label(log.object_id),
                who=log.by,
                summary=capfirst(labels[key].get(log.transition, log.transition)),
                comment=log.description or "",
                changes=changes.get(log.pk, ()),
                transition=log.transition,
                source_state=log.source_state,
                state=log.state,
                source_state_label=value_text(state_field[key], log.source_state),
                state_label=value_text(state_field[key], log.state),
                order=log.pk,
                on_behalf_of=substituted.get(log.pk),
            )
        )
    return entries


def deadline_entries(plan: DevelopmentPlan, history: History) -> list[TimelineEntry]:
    field = DeadlineChange._meta.get_field("field")
    entries = []
    for change in DeadlineChange.objects.filter(plan_id=plan.pk).select_related("changed_by"):
        entries.append(
            TimelineEntry(
                when=change.changed_at,
                kind=EntryKind.DEADLINE,
                subject=Subject.OPINION if change.opinion_id else Subject.PLAN,
                subject_id=change.opinion_id or plan.pk,
                subject_label=(
                    history.opinion_label(change.opinion_id) if change.opinion_id else _("Plan")
                ),
                who=change.changed_by,
                summary=capfirst(change.get_cause_display()),
                comment=change.reason,
                changes=(
                    Change(
                        field=change.field,
                        label=capfirst(value_text(field, change.field)),
                        old=value_text(field, None)
                        if change.old_date is None
                        else _date(change.old_date),
                        new=_date(change.new_date),
                    ),
                ),
                order=change.pk,
            )
        )
    return entries


def _date(day: dt.date) -> str:
    return value_text(DeadlineChange._meta.get_field("new_date"), day)


def document_entries(plan: DevelopmentPlan, history: History) -> list[TimelineEntry]:
    """Attachments uploaded, documents generated, council resolutions' scans recorded.

    Reads the attachments and the documents unless the plan carries them already (the
    plan's page has them read for its own lists)."""
    prefetch_related_objects([plan], plan_attachments_prefetch(), plan_documents_prefetch())
    entries = [
        TimelineEntry(
            when=attachment.uploaded_at,
            kind=EntryKind.DOCUMENT,
            subject=Subject.ATTACHMENT,
            subject_id=attachment.pk,
            subject_label=_("Plan"),
            who=attachment.uploaded_by,
            summary=_("Attachment added: %(name)s (%(kind)s)")
            % {"name": attachment.original_name, "kind": attachment.get_kind_display()},
            order=attachment.pk,
        )
        for attachment in plan.attachments.all()
    ]
    for document in plan.documents.all():
        summary = _("Document generated: %(kind)s, version %(version)s (%(name)s)") % {
            "kind": document.get_kind_display(),
            "version": document.version,
            "name": document.filename,
        }
        if document.reference_number:
            summary = _("%(summary)s, ref. no. %(reference)s") % {
                "summary": summary,
                "reference": document.reference_number.value,
            }
        entries.append(
            TimelineEntry(
                when=document.created_at,
                kind=EntryKind.DOCUMENT,
                subject=Subject.DOCUMENT,
                subject_id=document.pk,
                subject_label=(
                    history.opinion_label(document.opinion_id) if document.opinion_id else _("Plan")
                ),
                who=document.created_by,
                summary=summary,
                order=document.pk,
            )
        )
    previous: dict[int, str] = {}
    for row in history.resolutions:
        if row.document and row.document != previous.get(row.id, ""):
            entries.append(
                TimelineEntry(
                    when=row.history_date,
                    kind=EntryKind.DOCUMENT,
                    subject=Subject.RESOLUTION,
                    subject_id=row.id,
                    subject_label=_subject_label(Subject.RESOLUTION, row, history),
                    who=row.history_user or row.recorded_by,
                    summary=_("Council resolution document attached"),
                    order=row.history_id,
                )
            )
        previous[row.id] = str(row.document or "")
    return entries
