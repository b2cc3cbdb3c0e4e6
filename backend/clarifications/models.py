"""A thread of messages on a plan between the regional office, the provider and the
municipalities the plan concerns, each message with its audience.

Audiences are separate channels: a message shared with the provider is seen by the
regional office and the provider only, one shared with the municipalities by the regional
office and the municipalities only, an internal note by the regional office alone. Messages
are append-only (`AppendOnlyModel`): nobody edits or deletes what was said.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.audit.guards import AppendOnlyModel
from backend.core.free_text import SHORT_TEXT, BoundedTextField
from backend.plans.uploads import stored_name
from backend.plans.validators import validate_attachment


class Audience(models.TextChoices):
    INTERNAL = "internal", _("internal to the regional office")
    PROVIDER = "provider", _("shared with the provider")
    MUNICIPALITY = "municipality", _("shared with the municipalities")


class Message(AppendOnlyModel):
    """One message of a plan's thread."""

    plan = models.ForeignKey(
        "plans.DevelopmentPlan",
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("development plan"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    body = BoundedTextField(_("message"), max_length=SHORT_TEXT)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["plan", "audience", "id"])]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.get_audience_display()})"


def _upload_to(instance: "MessageAttachment", filename: str) -> str:
    # A generated name: nothing the uploader chose reaches the file system.
    return f"messages/{instance.message.plan_id}/{stored_name(filename)}"


class MessageAttachment(AppendOnlyModel):
    """A document sent with a message; seen by whoever sees the message."""

    message = models.ForeignKey(
        Message,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("message"),
    )
    file = models.FileField(_("file"), upload_to=_upload_to, validators=[validate_attachment])
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))

    class Meta:
        verbose_name = _("message attachment")
        verbose_name_plural = _("message attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class ThreadRead(models.Model):
    """How far one user has read a plan's thread: the newest message id seen. Messages are
    append-only and numbered in order, so "unread" is every visible message after it (one
    query for all plans at once)."""

    plan = models.ForeignKey(
        "plans.DevelopmentPlan",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("development plan"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    last_read_id = models.PositiveBigIntegerField(_("last message read"), default=0)
    read_at = models.DateTimeField(_("read at"), default=timezone.now)

    class Meta:
        verbose_name = _("read mark")
        verbose_name_plural = _("read marks")
        constraints = [models.UniqueConstraint(fields=["plan", "user"], name="thread_read_once")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.plan_id}: {self.last_read_id}"
