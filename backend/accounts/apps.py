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

    def ready(self) -> None:
        # Every admin and inline, those added later included, reads decimals as the web forms
        # do (decimal comma or dot): the default is set before autodiscover builds the admins.
        from django.contrib.admin import options
        from django.db import models

        from backend.core.form_fields import DecimalCommaField

        options.FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DecimalField] = {
            "form_class": DecimalCommaField
        }
        super().ready()
