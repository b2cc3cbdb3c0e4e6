from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """The server-rendered web application's shell: layout, home, shared template tags."""

    name = "backend.web"
    label = "web"
    verbose_name = _("Web interface")
