"""The notifications made from the outbox's domain events (`backend.events`) and the
e-mail delivery log."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.events.models import Event
from notifications.kinds import Kind


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    SKIPPED = "skipped", _("not sent")
    FAILED = "failed", _("failed")


class Notification(models.Model):
    """One notice to one person: the in-app inbox entry and the e-mail delivery record.

    The unique constraint on (recipient, kind, subject, deadline, occasion) is what makes
    every reminder and notice go out exactly once, whoever runs the sweep and how often:
    `occasion` is the reminder's lead (e.g. "5wd") or the outbox event ("event-42").
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object ID"))
    subject = GenericForeignKey("content_type", "object_id")
    deadline = models.DateField(_("deadline"))
    occasion = models.CharField(_("occasion"), max_length=40, blank=True, default="")
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("domain event"),
    )
    context = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_status = models.CharField(
        _("e-mail"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    email_queued_at = models.DateTimeField(_("e-mail queued at"), null=True, blank=True)
    email_claimed_at = models.DateTimeField(_("e-mail claimed at"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    email_note = models.CharField(_("e-mail note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "content_type", "object_id", "deadline", "occasion"],
                name="notification_once",
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id", "kind", "deadline"]),
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(
                fields=["recipient"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(
                fields=["email_status", "id"],
                condition=models.Q(email_status__in=["pending", "sending"]),
                name="notification_email_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient} ({self.deadline})"


class EmailOptOut(models.Model):
    """A user does not want the e-mail of one optional kind (the inbox still gets it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="email_opt_outs",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)

    class Meta:
        verbose_name = _("e-mail opt-out")
        verbose_name_plural = _("e-mail opt-outs")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="email_opt_out_once")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()}"


class SweepStatus(models.Model):
    """The last run of each scheduled job, for the schedule page in the admin."""

    name = models.CharField(_("job"), max_length=50, primary_key=True)
    task = models.CharField(_("task"), max_length=200, blank=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_ok = models.BooleanField(_("last run succeeded"), null=True)
    last_result = models.JSONField(_("last result"), default=dict, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    run_count = models.PositiveIntegerField(_("runs"), default=0)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
