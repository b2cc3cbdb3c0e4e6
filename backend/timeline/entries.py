"""The entries of a plan's timeline and how a changed value reads (`selectors.plan_timeline`
builds them).

"What happened" to a plan is kept in four append-only records: the transition log
(django-fsm-log's StateLog), the field history (simple-history, `history.py`), the deadline
changes (`workflows.models.DeadlineChange`) and the documents (attachments and generated
PDFs). The timeline shows them as one list of `TimelineEntry`.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from backend.core.deadlines import short_date


class EntryKind(models.TextChoices):
    STATE = "state", _("state change")
    FIELDS = "fields", _("change of data")
    DEADLINE = "deadline", _("deadline change")
    DOCUMENT = "document", _("document")


class Subject(models.TextChoices):
    PLAN = "plan", _("plan")
    OPINION = "opinion", _("municipal opinion")
    RESOLUTION = "resolution", _("council resolution")
    DECISION = "decision", _("regional decision")
    ATTACHMENT = "attachment", _("attachment")
    DOCUMENT = "document", _("generated document")


# Entries of one instant (a transition and the rows it saved) in the order they happened.
KIND_ORDER = {EntryKind.DEADLINE: 0, EntryKind.STATE: 1, EntryKind.FIELDS: 2, EntryKind.DOCUMENT: 3}


@dataclass(frozen=True)
class Change:
    """One field of a record, from `old` to `new` (both as the page shows them)."""

    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class TimelineEntry:
    """One thing that happened to the plan, to one of its opinions, their council
    resolution or the plan's decision."""

    when: dt.datetime
    kind: str  # EntryKind
    subject: str  # Subject
    subject_id: int
    subject_label: str  # "the plan", "opinion of Liberec"
    who: Any  # the user, None for the system
    summary: str
    comment: str = ""
    changes: tuple[Change, ...] = ()
    # A state change's transition and states (None for the other kinds).
    transition: str | None = None
    source_state: str | None = None
    state: str | None = None
    source_state_label: str = ""
    state_label: str = ""
    order: int = 0  # the row's id within its own record: the order of one instant
    on_behalf_of: Any = None  # the absent officer the substitute (`who`) acted for

    @property
    def sort_key(self) -> tuple[dt.datetime, int, int]:
        return (self.when, KIND_ORDER[EntryKind(self.kind)], self.order)

    @property
    def kind_label(self) -> str:
        return str(EntryKind(self.kind).label)

    @property
    def who_name(self) -> str:
        if self.who is None:
            return str(_("system"))
        name = self.who.get_full_name() or self.who.username
        if self.on_behalf_of is not None:
            officer = self.on_behalf_of.get_full_name() or self.on_behalf_of.username
            return _("%(substitute)s on behalf of %(officer)s") % {
                "substitute": name,
                "officer": officer,
            }
        return name

    @property
    def username(self) -> str | None:
        return None if self.who is None else self.who.username


def value_text(model_field: models.Field, value: Any) -> str:
    """A stored value as the page shows it: a choice by its label, a date the Czech way,
    nothing as "–"."""
    if value is None or value == "":
        return "–"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return short_date(value)
    if isinstance(value, Decimal):
        return formats.number_format(
            int(value) if value == value.to_integral() else value.normalize()
        )
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def field_label(model_field: models.Field) -> str:
    return capfirst(str(model_field.verbose_name))


def changes_between(
    model: type[models.Model], old: Any, new: Any, *, skip: frozenset[str]
) -> tuple[Change, ...]:
    """The fields of `model` whose value differs between two historical rows (`old` None: the
    row created the record, every field given is a change from nothing)."""
    found = []
    for model_field in model._meta.concrete_fields:
        # A generated column (a name folded for search) is the database's copy of a field
        # shown on its own; the history does not keep it.
        if model_field.name in skip or model_field.is_relation or model_field.generated:
            continue
        after = getattr(new, model_field.attname)
        before = getattr(old, model_field.attname) if old is not None else None
        if old is None and after in (None, "", False):
            continue
        if before != after:
            found.append(
                Change(
                    field=model_field.name,
                    label=field_label(model_field),
                    old=value_text(model_field, before),
                    new=value_text(model_field, after),
                )
            )
    return tuple(found)
