"""Enumerations of the registry: forms of social services and capacity units."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceForm(models.TextChoices):
    RESIDENTIAL = "residential", _("residential")
    OUTPATIENT = "outpatient", _("outpatient")
    FIELD = "field", _("field")


class CapacityUnit(models.TextChoices):
    BEDS = "beds", _("beds")
    FTE = "fte", _("FTE of direct care")
    PLACES = "places", _("places")
    FLATS = "flats", _("flats")


class LegalForm(models.TextChoices):
    ASSOCIATION = "zs", _("registered association (z. s.)")
    PUBLIC_BENEFIT = "ops", _("public benefit company (o. p. s.)")
    CONTRIBUTORY = "po", _("contributory organisation (p. o.)")
    INSTITUTE = "zu", _("institute (z. ú.)")
    CHURCH = "cpo", _("church legal entity")
    COMPANY = "sro", _("limited company (s. r. o.)")
    MUNICIPALITY = "obec", _("municipality")
    OTHER = "other", _("other")
