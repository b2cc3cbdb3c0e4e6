from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    """The nightly purge of personal data past its retention period (docs/personal-data.md)."""

    name = "backend.retention"
    label = "retention"
    verbose_name = _("Retention of personal data")
    default_auto_field = "django.db.models.BigAutoField"
