from django.apps import AppConfig


class WebConfig(AppConfig):
    """The server-rendered web application's shell: layout, home, shared template tags."""

    name = "backend.web"
    label = "web"
