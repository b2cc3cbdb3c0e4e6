from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallSetupConfig(AppConfig):
    name = "backend.callsetup"
    label = "callsetup"
    verbose_name = _("Call setup")
    default_auto_field = "django.db.models.BigAutoField"
