"""Who wants to hear of new calls, and the documents a call publishes.

A subscription is per user, not per organisation: each person chooses what reaches their
inbox and e-mail, and a colleague's choice never changes theirs. A user who has not chosen
gets the default (`selectors.subscription_effective`): a provider's users the types of the
provider's services, a municipal officer every type.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.plans.uploads import stored_name
from backend.plans.validators import validate_attachment


class CallSubscription(models.Model):
    """The service types (§) whose calls a user wants to be told of."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="call_subscription",
        verbose_name=_("user"),
    )
    all_types = models.BooleanField(_("calls of every service type"), default=False)
    service_types = models.ManyToManyField(
        "registry.ServiceType",
        blank=True,
        related_name="subscriptions",
        verbose_name=_("service types"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("call subscription")
        verbose_name_plural = _("call subscriptions")

    def __str__(self) -> str:
        return str(self.user)


def _document_upload_to(instance: "CallDocument", filename: str) -> str:
    return f"calls/{instance.call_id}/{stored_name(filename)}"


class CallDocument(models.Model):
    """A published document of a call (the call's text, forms, the evaluation rules)."""

    call = models.ForeignKey(
        "calls.Call", on_delete=models.CASCADE, related_name="documents", verbose_name=_("call")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to=_document_upload_to, validators=[validate_attachment]
    )
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("call document")
        verbose_name_plural = _("call documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title
