"""The audit trail's own records: who read which plan document (append-only), and the field
history of the tracked domain models (registered below; see history.py)."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.audit.guards import AppendOnlyModel
from backend.audit.history import register_history

# Links from the log to what was read: no database constraint and no cascade, so nothing
# ever updates or deletes a log row, and the row keeps the ids even of removed objects.
LOG_LINK: dict[str, Any] = {
    "on_delete": models.DO_NOTHING,
    "db_constraint": False,
    "null": True,
    "blank": True,
    "related_name": "+",
}


class AccessKind(models.TextChoices):
    ATTACHMENT = "attachment", _("plan attachment")
    DOCUMENT = "document", _("generated document")
    RESOLUTION = "resolution", _("council resolution document")


class AccessChannel(models.TextChoices):
    WEB = "web", _("web")
    API = "api", _("API")


class AttachmentAccess(AppendOnlyModel):
    """One download of a plan's document: who, when, what, through which channel."""

    accessed_at = models.DateTimeField(_("accessed at"), default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), **LOG_LINK)
    plan = models.ForeignKey(
        "plans.DevelopmentPlan", verbose_name=_("development plan"), **LOG_LINK
    )
    kind = models.CharField(_("kind"), max_length=12, choices=AccessKind.choices)
    attachment = models.ForeignKey("plans.PlanAttachment", verbose_name=_("attachment"), **LOG_LINK)
    document = models.ForeignKey("documents.Document", verbose_name=_("document"), **LOG_LINK)
    resolution = models.ForeignKey(
        "plans.CouncilResolution", verbose_name=_("council resolution"), **LOG_LINK
    )
    filename = models.CharField(_("file name"), max_length=255)
    channel = models.CharField(_("channel"), max_length=5, choices=AccessChannel.choices)

    class Meta:
        verbose_name = _("document access")
        verbose_name_plural = _("document accesses")
        ordering = ["-accessed_at", "-id"]
        indexes = [models.Index(fields=["plan", "accessed_at"])]

    def __str__(self) -> str:
        return f"{self.accessed_at:%Y-%m-%d %H:%M} {self.user_id} {self.filename}"


register_history()
