"""The outbox of domain events: written by the workflows in the transaction of the change,
read by the consumers above them (`notifications/outbox.py`)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    """One domain event — a state change of a workflow object, or a deadline moved — written
    in the transaction that caused it.

    Rows are appended only; the outbox drain (`notifications/outbox.py`) marks them processed
    once it has created the notifications they imply. The table keeps the name it had in the
    notifications app (migration events/0001), so existing databases keep their events.
    """

    kind = models.CharField(_("kind"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object ID"))
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
    # The absent officer whose case the actor, as their substitute, acted on.
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    comment = models.TextField(_("comment"), blank=True)
    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)

    class Meta:
        db_table = "notifications_event"
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
