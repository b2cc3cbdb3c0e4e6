"""The reference numbers issued and the counters, read-only: numbers are issued by the
workflow actions only (docs/records.md)."""

from django.contrib import admin

from backend.core.admin_tools import ReadOnlyAdmin
from backend.records.models import ReferenceNumber, ReferenceSequence


@admin.register(ReferenceNumber)
class ReferenceNumberAdmin(ReadOnlyAdmin):
    list_display = ["value", "direction", "subject_type", "subject_id", "issued_at"]
    list_filter = ["series", "year", "direction"]
    search_fields = ["value"]
    date_hierarchy = "issued_at"


@admin.register(ReferenceSequence)
class ReferenceSequenceAdmin(ReadOnlyAdmin):
    list_display = ["series", "year", "next_number"]
    list_filter = ["year"]
