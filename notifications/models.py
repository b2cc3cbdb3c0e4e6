"""The outbox of domain events that notifications consume."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    """One state change of a workflow object, written in the transition's transaction.

    Rows are appended only; a consumer marks them processed once it has created the
    notifications they imply.
    """

    kind = models.CharField(_("kind"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    transition = models.CharField(_("transition"), max_length=50)
    source_state = models.CharField(_("from"), max_length=30)
    target_state = models.CharField(_("to"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    comment = models.TextField(_("comment"), blank=True)
    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("domain event")
        verbose_name_plural = _("domain events")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(
                fields=["occurred_at"],
                condition=models.Q(processed_at__isnull=True),
                name="event_unprocessed_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.object_id}: {self.source_state} → {self.target_state}"
