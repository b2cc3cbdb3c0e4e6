from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SealConfig(AppConfig):
    name = "backend.seal"
    label = "seal"
    verbose_name = _("electronic seal")

    def ready(self) -> None:
        # Registers the deployment check of the seal's key and certificate.
        from backend.seal import checks  # noqa: F401
