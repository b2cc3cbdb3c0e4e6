"""Conditions of a call's transitions."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.machines.guards import guard


@guard(_("Every submitted plan of the call must be decided, withdrawn or lapsed first."))
def all_plans_settled(call: Any) -> bool:
    # Drafts never submitted do not hold the call up: after closing they can never be.
    unsettled = call.plans.exclude(state__in=call.settled_plan_states())
    return not unsettled.filter(submitted_at__isnull=False).exists()


@guard(_("The call's closing time must lie in the future to open it."))
def closing_in_future(call: Any) -> bool:
    return call.closes_at > timezone.now()
