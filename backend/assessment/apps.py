from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "backend.assessment"
    label = "assessment"
    verbose_name = _("Assessment of plans")
    default_auto_field = "django.db.models.BigAutoField"
