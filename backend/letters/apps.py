from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "backend.letters"
    verbose_name = _("letters")
    default_auto_field = "django.db.models.BigAutoField"
