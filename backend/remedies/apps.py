from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemediesConfig(AppConfig):
    name = "backend.remedies"
    label = "remedies"
    verbose_name = _("Follow-up of reservations")
    default_auto_field = "django.db.models.BigAutoField"
