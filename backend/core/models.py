"""The data version: one counter that every committed write to the domain data raises
(`backend/core/dataversion.py`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """The key of everything cached from the domain data. One row, created by the first
    raise."""

    name = models.CharField(_("name"), max_length=30, primary_key=True)
    number = models.BigIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self) -> str:
        return f"{self.name} {self.number}"
