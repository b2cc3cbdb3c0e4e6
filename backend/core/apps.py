from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "backend.core"
    label = "core"
    verbose_name = _("Core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from backend.core.folding import sqlite_functions_register
        from backend.core.url_ids import register

        register()
        connection_created.connect(sqlite_functions_register, dispatch_uid="core.sqlite_functions")
