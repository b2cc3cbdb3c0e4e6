import datetime as dt
from typing import TYPE_CHECKING

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_fsm_log.admin import StateLogInline
from django_fsm_log.models import StateLog

from backend.core.admin_tools import ReadOnlyAdmin, titled
from workflows.models import DeadlineChange

if TYPE_CHECKING:
    from backend.accounts.models import User


class TransitionLogColumns:
    """django-fsm-log's fields carry English labels only; the log's columns, by these
    names, carry translated ones."""

    @admin.display(description=_("time"), ordering="timestamp")
    def logged_at(self, log: StateLog) -> dt.datetime:
        return log.timestamp

    @admin.display(description=_("kind of object"))
    def object_kind(self, log: StateLog) -> str:
        model = log.content_type.model_class()
        # A log row outlives a model removed from the code: its content type keeps the name.
        return str(model._meta.verbose_name) if model else log.content_type.model

    @admin.display(description=_("object"))
    def object_number(self, log: StateLog) -> int:
        return log.object_id

    @admin.display(description=_("transition"))
    def step(self, log: StateLog) -> str:
        return log.transition

    @admin.display(description=_("from"))
    def from_state(self, log: StateLog) -> str:
        return log.source_state or ""

    @admin.display(description=_("to"))
    def to_state(self, log: StateLog) -> str:
        return log.state

    @admin.display(description=_("done by"))
    def actor(self, log: StateLog) -> "User | None":
        return log.by

    @admin.display(description=_("comment"))
    def comment(self, log: StateLog) -> str:
        return log.description or ""


class TransitionLogInline(TransitionLogColumns, StateLogInline):
    """The object's transitions on its admin page, newest first, read-only."""

    fields = ("step", "from_state", "to_state", "actor", "comment", "logged_at")


@admin.register(StateLog)
class StateLogAdmin(TransitionLogColumns, ReadOnlyAdmin):
    """The transition log is append-only: nobody edits or deletes it here."""

    list_display = [
        "logged_at",
        "object_kind",
        "object_number",
        "step",
        "from_state",
        "to_state",
        "actor",
    ]
    list_filter = [
        ("content_type", titled(_("kind of object"), admin.RelatedOnlyFieldListFilter)),
        ("transition", titled(_("transition"), admin.AllValuesFieldListFilter)),
        ("state", titled(_("to"), admin.AllValuesFieldListFilter)),
    ]
    list_select_related = ["content_type", "by"]
    search_fields = ["description"]


@admin.register(DeadlineChange)
class DeadlineChangeAdmin(ReadOnlyAdmin):
    """Every moved deadline with its cause and reason (append-only)."""

    list_display = [
        "changed_at",
        "plan",
        "opinion",
        "field",
        "old_date",
        "new_date",
        "cause",
        "changed_by",
    ]
    list_filter = ["cause", "field"]
    search_fields = ["reason"]
