"""The audit trail in the admin: visible to staff, read-only for everyone, superusers too."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from backend.audit.history import historical_models
from backend.audit.models import AttachmentAccess
from backend.core.admin_tools import ReadOnlyAdmin


class AuditAdmin(ReadOnlyAdmin):
    """Listed on the admin index for whoever may view it: regional officers hold the view
    permission through the rules (backend/audit/rules.py), not through a group."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


@admin.register(AttachmentAccess)
class AttachmentAccessAdmin(AuditAdmin):
    """Who downloaded which document of a plan (web and API)."""

    list_display = ["accessed_at", "user", "plan", "kind", "filename", "channel"]
    list_filter = ["kind", "channel"]
    search_fields = ["filename", "user__username", "plan__id"]
    list_select_related = ["user"]
    date_hierarchy = "accessed_at"


class HistoricalRecordAdmin(AuditAdmin):
    """One tracked model's field history: every saved version, who saved it and when."""

    # The object's id, not its text: a version's __str__ may query related rows per line.
    list_display = ["history_date", "history_type", "history_user", "id"]
    list_filter = ["history_type"]
    list_select_related = ["history_user"]
    search_fields = ["id"]
    date_hierarchy = "history_date"


for _model in historical_models():
    admin.site.register(_model, HistoricalRecordAdmin)
