from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "backend.network"
    label = "network"
    verbose_name = _("Network register")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from backend.network import signals  # noqa: F401  (connects the receivers)
