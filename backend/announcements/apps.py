from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "backend.announcements"
    label = "announcements"
    verbose_name = _("Call announcements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from backend.announcements import rules  # noqa: F401  (registers the permissions)
