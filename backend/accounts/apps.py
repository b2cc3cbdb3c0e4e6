from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "backend.accounts"
    label = "accounts"
    verbose_name = _("Users and organisations")
    default_auto_field = "django.db.models.BigAutoField"


class AdminConfig(admin_apps.AdminConfig):
    """The Django admin on the site that asks for the second factor (admin_site.py)."""

    default = False
    default_site = "backend.accounts.admin_site.AdminSite"
