"""The steps of a reservation's follow-up, as the domain events of its register entry name
them (`event_kind(NetworkEntry, RemedyStep.CONFIRM)` is `networkentry.remedy_confirm`).

A register entry has no state machine: its level is data the region's decisions set. These
steps are the writes of `backend.remedies.services` on it, each recording one event."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class RemedyStep(StrEnum):
    SEND_STATEMENT = "remedy_statement"
    CONFIRM = "remedy_confirm"
    NOT_REMEDIED = "remedy_not_remedied"


class RemedyOutcomeKind(models.TextChoices):
    REMEDIED = "remedied", _("remedied")
    NOT_REMEDIED = "not_remedied", _("not remedied")
