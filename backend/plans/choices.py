from django.db import models
from django.utils.translation import gettext_lazy as _


class AttachmentKind(models.TextChoices):
    PROOF_OF_NEED = "proof_of_need", _("proof of need")
    BUDGET = "budget", _("budget")
    REGISTRATION = "registration", _("registration decision")
    COMMUNITY_PLAN = "community_plan", _("community plan extract")
    OTHER = "other", _("other")


class ResolutionOutcome(models.TextChoices):
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class DecidingBody(models.TextChoices):
    REGIONAL_COUNCIL = "regional_council", _("regional council")
    REGIONAL_ASSEMBLY = "regional_assembly", _("regional assembly")
