from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "backend.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"


class AdminConfig(admin_apps.AdminConfig):
    """The Django admin on the site that asks for the second factor (admin_site.py)."""

    default = False
    default_site = "backend.accounts.admin_site.AdminSite"
