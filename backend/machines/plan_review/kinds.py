"""The kinds of change a plan asks for: the plan review routes by them (a decrease may need
no opinion, an increase may need the council), so they live with the machine."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    INCLUSION = "inclusion", _("inclusion of a new service")
    CAPACITY_INCREASE = "capacity_increase", _("capacity increase")
    CAPACITY_DECREASE = "capacity_decrease", _("capacity decrease")
    OTHER_CHANGE = "other_change", _("other change")
