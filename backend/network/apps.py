from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "backend.network"
    label = "network"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from backend.network import signals  # noqa: F401  (connects the receivers)
