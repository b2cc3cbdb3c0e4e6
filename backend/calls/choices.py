from django.db import models
from django.utils.translation import gettext_lazy as _


class OpinionRouting(models.TextChoices):
    """Whom a call asks for opinions on a plan: regions differ (see docs/call-routing.md)."""

    ORP_SEAT = "orp_seat", _("the ORP seat of each ORP of the territory")
    TERRITORY = "territory", _("every municipality of the service's territory")
    ORP_AND_MUNICIPALITY = (
        "orp_and_municipality",
        _("the ORP seat and each municipality of the territory, as separate opinions"),
    )
