"""The levels at which a service sits in the network register.

The Liberec Region's practice (`../shared/domain.md`): services are included; included with
a reservation (levels Z1v and Z2v: a letter sets what must be remedied and by when); planned
(P/Z2v, a form-B request updates them); a reserve; and a published list of services not
included.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.machines.plan_review.states import PlanState


class NetworkLevel(models.TextChoices):
    INCLUDED = "included", _("included")
    RESERVATION_Z1V = "reservation_z1v", _("included with a reservation (Z1v)")
    RESERVATION_Z2V = "reservation_z2v", _("included with a reservation (Z2v)")
    PLANNED = "planned", _("planned (P/Z2v)")
    RESERVE = "reserve", _("reserve")
    NOT_INCLUDED = "not_included", _("not included")


RESERVATION_LEVELS = (NetworkLevel.RESERVATION_Z1V, NetworkLevel.RESERVATION_Z2V)
# What an inclusion decision may place an entry at, per outcome (the first is the default).
LEVELS_OF_OUTCOME: dict[str, tuple[NetworkLevel, ...]] = {
    PlanState.INCLUDED: (NetworkLevel.INCLUDED, NetworkLevel.PLANNED, NetworkLevel.RESERVE),
    PlanState.INCLUDED_WITH_CONDITIONS: RESERVATION_LEVELS,
}
# The levels a decision may choose (not included is a list the region publishes, no level a
# decision places an entry at).
DECISION_LEVELS = tuple(
    dict.fromkeys(level for levels in LEVELS_OF_OUTCOME.values() for level in levels)
)
