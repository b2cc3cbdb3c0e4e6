"""The call's life: planned → open → closed → finished.

Celery opens and closes calls on time; a regional officer may do it by hand.
"""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description

from backend.machines.call_lifecycle.guards import all_plans_settled, closing_in_future
from backend.machines.call_lifecycle.states import CallState
from backend.machines.permissions import rule

if TYPE_CHECKING:
    from backend.accounts.models import User

S = CallState


class CallMachine(FSMModelMixin, models.Model):
    state = FSMField(
        _("state"), default=S.PLANNED, choices=S.choices, protected=True, db_index=True
    )

    class Meta:
        abstract = True

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=S.PLANNED,
        target=S.OPEN,
        conditions=[closing_in_future],
        permission=rule("calls.manage_call"),
        custom={"label": _("Open the call")},
    )
    def open(self, by: "User | None" = None, description: str | None = None) -> None:
        """Open the call for submissions."""

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=[S.PLANNED, S.OPEN],
        target=S.CLOSED,
        permission=rule("calls.manage_call"),
        custom={"label": _("Close the call")},
    )
    def close(self, by: "User | None" = None, description: str | None = None) -> None:
        """Close the call; no further submissions."""

    @fsm_log_by
    @fsm_log_description
    @transition(
        field=state,
        source=S.CLOSED,
        target=S.FINISHED,
        conditions=[all_plans_settled],
        permission=rule("calls.manage_call"),
        custom={"label": _("Finish the call")},
    )
    def finish(self, by: "User | None" = None, description: str | None = None) -> None:
        """Finish the call once every plan is settled."""
