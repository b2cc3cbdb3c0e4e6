from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "backend.records"
    label = "records"
    verbose_name = _("records")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the system check of the reference number patterns.
        from backend.records import checks  # noqa: F401
