from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClarificationsConfig(AppConfig):
    name = "backend.clarifications"
    verbose_name = _("clarifications")
    default_auto_field = "django.db.models.BigAutoField"
