from typing import Any

from django import forms
from django.contrib import admin

from backend.demand.models import DemandEntry, DemandTable
from backend.plans.validators import validate_attachment


class DemandTableAdminForm(forms.ModelForm):
    """The source document goes through the plans' upload checks, as on the web."""

    class Meta:
        model = DemandTable
        fields = [
            "region",
            "municipality",
            "stated_by",
            "on_behalf",
            "title",
            "source_file",
            "source_name",
            "source_reference",
            "adopted_on",
            "valid_from",
            "valid_to",
            "recorded_by",
        ]

    def clean_source_file(self) -> Any:
        file = self.cleaned_data.get("source_file")
        if file and hasattr(file, "content_type"):  # a new upload
            validate_attachment(file)
        return file


class DemandEntryInline(admin.TabularInline):
    model = DemandEntry
    extra = 0
    autocomplete_fields = ["orp", "area", "service_type"]


@admin.register(DemandTable)
class DemandTableAdmin(admin.ModelAdmin):
    form = DemandTableAdminForm
    list_display = ["title", "region", "municipality", "on_behalf", "valid_from", "valid_to"]
    list_filter = ["region", "on_behalf"]
    search_fields = ["title", "stated_by"]
    inlines = [DemandEntryInline]
    raw_id_fields = ["recorded_by"]
