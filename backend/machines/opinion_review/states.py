from django.db import models
from django.utils.translation import gettext_lazy as _


class OpinionState(models.TextChoices):
    REQUESTED = "requested", _("requested")
    DRAFTED = "drafted", _("drafted")
    AWAITING_COUNCIL = "awaiting_council", _("awaiting council resolution")
    ISSUED = "issued", _("issued")
    NOT_GIVEN = "not_given", _("not given by the deadline")
    CANCELLED = "cancelled", _("cancelled")


class Verdict(models.TextChoices):
    SUPPORTS = "supports", _("supports")
    SUPPORTS_WITH_CONDITIONS = "supports_with_conditions", _("supports with conditions")
    DOES_NOT_SUPPORT = "does_not_support", _("does not support")


# Open and still with the municipality (not yet with its council).
WITH_MUNICIPALITY_STATES = (OpinionState.REQUESTED, OpinionState.DRAFTED)
OPEN_STATES = (OpinionState.REQUESTED, OpinionState.DRAFTED, OpinionState.AWAITING_COUNCIL)
FINAL_STATES = (OpinionState.ISSUED, OpinionState.NOT_GIVEN, OpinionState.CANCELLED)
SUPPORTING_VERDICTS = (Verdict.SUPPORTS, Verdict.SUPPORTS_WITH_CONDITIONS)
