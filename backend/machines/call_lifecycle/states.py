from django.db import models
from django.utils.translation import gettext_lazy as _


class CallState(models.TextChoices):
    PLANNED = "planned", _("planned")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")
    FINISHED = "finished", _("finished")
