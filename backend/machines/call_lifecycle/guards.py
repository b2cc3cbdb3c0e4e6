"""Conditions of a call's transitions."""

import datetime as dt
from typing import Protocol

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.machines.guards import guard


# What the guards read of a call (`backend.calls.models.Call`) and of the development plans
# filed in it (`backend.plans.models.DevelopmentPlan`, a manager or a queryset of them).
class CallPlans(Protocol):
    def exclude(self, **lookups: object) -> "CallPlans": ...
    def filter(self, **lookups: object) -> "CallPlans": ...
    def exists(self) -> bool: ...


class GuardedCall(Protocol):
    @property
    def closes_at(self) -> dt.datetime: ...
    @property
    def plans(self) -> CallPlans: ...
    def settled_plan_states(self) -> list[str]: ...


@guard(_("Every submitted plan of the call must be decided, withdrawn or lapsed first."))
def all_plans_settled(call: GuardedCall) -> bool:
    # Drafts never submitted do not hold the call up: after closing they can never be.
    unsettled = call.plans.exclude(state__in=call.settled_plan_states())
    return not unsettled.filter(submitted_at__isnull=False).exists()


@guard(_("The call's closing time must lie in the future to open it."))
def closing_in_future(call: GuardedCall) -> bool:
    return call.closes_at > timezone.now()
