from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Health checks, request ids in logs and tasks, error pages without stack traces."""

    name = "backend.operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from backend.operations import celery_ids  # noqa: F401  (connects the signals)
