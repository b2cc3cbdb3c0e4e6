"""Writes of a reservation's follow-up, on the register entry: the provider's statement,
the regional office's confirmation of the remedy and its finding that it was not remedied.

Each runs in one transaction with the entry locked (`SELECT … FOR UPDATE`): of two officers
deciding at once the second finds the reservation gone and gets a conflict. Each records a
domain event of the entry (the outbox tells the people concerned), and a change of the entry
is saved with its author, so the entry's field history (`backend.audit.history`) keeps it.

What "not remedied" does to the entry: the region's resolution takes the service out of the
network — the entry moves to "not included" (the published list of services not included,
which a roll-over does not carry) — and the finding keeps the reason. The remedy date is
cleared in both cases (no more reminders, overdue notices or tasks); the finding keeps it.
"""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from backend.audit.history import author_set
from backend.core.locking import lock
from backend.events.services import event_record
from backend.machines.errors import TransitionConflict
from backend.machines.plan_review.states import PlanState
from backend.network.choices import RESERVATION_LEVELS, NetworkLevel
from backend.network.models import NetworkEntry
from backend.plans.uploads import display_name
from backend.plans.validators import validate_attachment
from backend.remedies.models import RemedyOutcome, RemedyStatement, RemedyStatementAttachment
from backend.remedies.rules import may_decide_remedy, may_send_statement
from backend.remedies.steps import RemedyOutcomeKind, RemedyStep

# The most documents one statement carries.
FILES_PER_STATEMENT = 10


def _ensure_reservation(entry: NetworkEntry) -> None:
    if entry.level not in RESERVATION_LEVELS:
        raise TransitionConflict(
            [
                _("The entry has no reservation to follow up (its level is “%(level)s”).")
                % {"level": entry.get_level_display()}
            ]
        )


def _refused_files(files: Sequence[UploadedFile]) -> list[str]:
    """What the upload checks say of each file (type by content, size), by its name: all
    are checked before anything is stored, so a refused file leaves nothing behind."""
    refused = []
    for file in files:
        try:
            validate_attachment(file)
        except ValidationError as error:
            name = display_name(file.name or "")
            refused += [f"{name}: {message}" for message in error.messages]
    return refused


def remedy_statement_send(
    *, entry: NetworkEntry, by: Any, text: str, documents: Sequence[UploadedFile] = ()
) -> RemedyStatement:
    """Record the provider's statement on the reservation of its service's entry, with its
    documents (each through the upload checks); the regional office is told. A provider may
    send several statements while the reservation lasts."""
    if not may_send_statement(by, entry):
        raise PermissionDenied(_("Only the provider of the service sends a statement."))
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = _("Say what was done to remedy the reservation.")
    if len(documents) > FILES_PER_STATEMENT:
        errors["documents"] = _("A statement can carry at most %(limit)d documents.") % {
            "limit": FILES_PER_STATEMENT
        }
    else:
        refused = _refused_files(documents)
        if refused:
            errors["documents"] = "; ".join(refused)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        entry = lock(entry)
        _ensure_reservation(entry)
        statement = RemedyStatement(
            entry=entry, remedy_due=entry.remedy_due, text=text.strip(), sent_by=by
        )
        statement.full_clean(exclude=["entry", "sent_by"])
        statement.save()
        for file in documents:
            attachment = RemedyStatementAttachment(
                statement=statement,
                file=file,
                original_name=display_name(file.name or ""),
                size=file.size or 0,
            )
            attachment.save()
        event_record(
            subject=entry,
            transition=RemedyStep.SEND_STATEMENT,
            source=entry.level,
            target=entry.level,
            actor=by,
            comment=statement.text,
        )
    return statement


def _validate_finding(
    *, resolution_number: str, resolution_date: dt.date | None, reason: str, needs_reason: bool
) -> dt.date:
    """Refuse a finding without its resolution (or, when not remedied, its reason); return
    the resolution's date."""
    errors = {}
    if not resolution_number.strip():
        errors["resolution_number"] = _("Give the number of the resolution.")
    if resolution_date is None:
        errors["resolution_date"] = _("Give the date of the resolution.")
    if needs_reason and not reason.strip():
        errors["reason"] = _("Say why the reservation was not remedied.")
    if errors or resolution_date is None:
        raise ValidationError(errors)
    return resolution_date


def _record_finding(
    *,
    entry: NetworkEntry,
    by: Any,
    outcome: RemedyOutcomeKind,
    level: NetworkLevel,
    step: RemedyStep,
    resolution_number: str,
    resolution_date: dt.date | None,
    reason: str,
) -> RemedyOutcome:
    if not may_decide_remedy(by, entry):
        raise PermissionDenied(_("Only the regional office decides on a reservation."))
    day = _validate_finding(
        resolution_number=resolution_number,
        resolution_date=resolution_date,
        reason=reason,
        needs_reason=outcome == RemedyOutcomeKind.NOT_REMEDIED,
    )
    with transaction.atomic():
        entry = lock(entry)
        _ensure_reservation(entry)
        finding = RemedyOutcome(
            entry=entry,
            outcome=outcome,
            remedy_due=entry.remedy_due,
            conditions=entry.conditions,
            level_before=entry.level,
            level_after=level,
            reason=reason.strip(),
            resolution_number=resolution_number.strip(),
            resolution_date=day,
            recorded_by=by,
        )
        finding.full_clean(exclude=["entry", "recorded_by"])
        finding.save()
        entry.level = level
        entry.remedy_due = None
        entry.resolution_number = finding.resolution_number
        entry.resolution_date = day
        fields = ["level", "remedy_due", "resolution_number", "resolution_date", "updated_at"]
        if outcome == RemedyOutcomeKind.REMEDIED:
            entry.status = PlanState.INCLUDED
            fields.append("status")
        author_set(entry, by=by)
        entry.save(update_fields=fields)
        event_record(
            subject=entry,
            transition=step,
            source=finding.level_before,
            target=level,
            actor=by,
            comment=finding.reason,
        )
    return finding


def remedy_confirm(
    *, entry: NetworkEntry, by: Any, resolution_number: str, resolution_date: dt.date | None
) -> RemedyOutcome:
    """Confirm that the reservation was remedied: the entry moves from Z1v or Z2v to
    included, citing the resolution (number and date required); the provider is told."""
    return _record_finding(
        entry=entry,
        by=by,
        outcome=RemedyOutcomeKind.REMEDIED,
        level=NetworkLevel.INCLUDED,
        step=RemedyStep.CONFIRM,
        resolution_number=resolution_number,
        resolution_date=resolution_date,
        reason="",
    )


def remedy_not_remedied(
    *,
    entry: NetworkEntry,
    by: Any,
    reason: str,
    resolution_number: str,
    resolution_date: dt.date | None,
) -> RemedyOutcome:
    """Record that the reservation was not remedied, with the reason and the resolution
    that takes the service out of the network: the entry moves to not included; the
    provider is told."""
    return _record_finding(
        entry=entry,
        by=by,
        outcome=RemedyOutcomeKind.NOT_REMEDIED,
        level=NetworkLevel.NOT_INCLUDED,
        step=RemedyStep.NOT_REMEDIED,
        resolution_number=resolution_number,
        resolution_date=resolution_date,
        reason=reason,
    )
