from django.contrib import admin
from django.http import HttpRequest

from backend.core.admin_tools import ReadOnlyAdmin
from backend.network.models import CapacityChange, NetworkEntry


class CapacityChangeInline(admin.TabularInline):
    model = CapacityChange
    fields = (
        "recorded_at",
        "capacity_before",
        "capacity_after",
        "unit",
        "plan",
        "reason",
        "recorded_by",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: NetworkEntry | None = None) -> bool:
        return False


@admin.register(NetworkEntry)
class NetworkEntryAdmin(ReadOnlyAdmin):
    """The register is written only by regional decisions."""

    list_display = ["service", "period", "form", "capacity", "unit", "status"]
    list_filter = ["period", "status", "form", "unit", "service__service_type", "orps"]
    search_fields = [
        "service__name",
        "service__registration_number",
        "service__provider__name",
        "service__provider__ico",
    ]
    inlines = [CapacityChangeInline]


@admin.register(CapacityChange)
class CapacityChangeAdmin(ReadOnlyAdmin):
    list_display = ["entry", "capacity_before", "capacity_after", "unit", "recorded_at"]
    list_filter = ["entry__period"]
