from django.db import models
from django.utils.translation import gettext_lazy as _


class AttachmentKind(models.TextChoices):
    PROOF_OF_NEED = "proof_of_need", _("proof of need")
    BUDGET = "budget", _("budget")
    REGISTRATION = "registration", _("registration decision")
    COMMUNITY_PLAN = "community_plan", _("community plan extract")
    OTHER = "other", _("other")


class OpinionRole(models.TextChoices):
    """In which capacity a municipality gives its opinion: a call may ask the ORP seat for
    the ORP's opinion and the same town again for its own, as two documents."""

    ORP = "orp", _("as the ORP")
    MUNICIPALITY = "municipality", _("as the municipality")


class ResolutionOutcome(models.TextChoices):
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class DecidingBody(models.TextChoices):
    REGIONAL_COUNCIL = "regional_council", _("regional council")
    REGIONAL_ASSEMBLY = "regional_assembly", _("regional assembly")
