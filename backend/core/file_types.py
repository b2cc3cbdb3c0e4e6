"""The document types an upload may be: one list for the upload checks
(`backend.plans.uploads`) and for the calls that say which types a document must have
(`backend.callsetup`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Extension (lower case) → the type detected from the content that it must have.
KIND_OF_EXTENSION = {
    "pdf": "pdf",
    "docx": "docx",
    "xlsx": "xlsx",
    "odt": "odt",
    "ods": "ods",
    "png": "png",
    "jpg": "jpg",
    "jpeg": "jpg",
}


class FileType(models.TextChoices):
    """A document type by its content (the values of KIND_OF_EXTENSION)."""

    PDF = "pdf", "PDF"
    DOCX = "docx", _("DOCX (Word)")
    XLSX = "xlsx", _("XLSX (Excel)")
    ODT = "odt", _("ODT (text document)")
    ODS = "ods", _("ODS (spreadsheet)")
    PNG = "png", "PNG"
    JPG = "jpg", "JPG"
