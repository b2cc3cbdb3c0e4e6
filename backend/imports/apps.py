from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "backend.imports"
    verbose_name = _("Imports of the network")
    default_auto_field = "django.db.models.BigAutoField"
