from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanState(models.TextChoices):
    DRAFT = "draft", _("draft")
    AWAITING_OPINION = "awaiting_opinion", _("awaiting municipal opinion")
    AWAITING_COUNCIL = "awaiting_council", _("awaiting council resolution")
    AWAITING_DECISION = "awaiting_decision", _("awaiting regional decision")
    RETURNED = "returned", _("returned for completion")
    LAPSED = "lapsed", _("lapsed")
    WITHDRAWN = "withdrawn", _("withdrawn")
    INCLUDED = "included", _("included")
    INCLUDED_WITH_CONDITIONS = "included_with_conditions", _("included with conditions")
    NOT_INCLUDED = "not_included", _("not included")


S = PlanState

IN_REVIEW_STATES = (S.AWAITING_OPINION, S.AWAITING_COUNCIL, S.AWAITING_DECISION)
DECIDED_STATES = (S.INCLUDED, S.INCLUDED_WITH_CONDITIONS, S.NOT_INCLUDED)
INCLUDED_STATES = (S.INCLUDED, S.INCLUDED_WITH_CONDITIONS)
# While the plan waits for opinions their deadlines run (returned, the clock stops).
CLOCK_RUNNING_STATES = (S.AWAITING_OPINION, S.AWAITING_COUNCIL)
# States in which nothing more happens to the plan.
SETTLED_STATES = (*DECIDED_STATES, S.WITHDRAWN, S.LAPSED)
WITHDRAWABLE_STATES = (S.DRAFT, S.RETURNED, *IN_REVIEW_STATES)
# A service has at most one plan of a kind per call outside these: a second would race the
# first to the same register entry.
ENDED_WITHOUT_INCLUSION_STATES = (S.NOT_INCLUDED, S.WITHDRAWN, S.LAPSED)
