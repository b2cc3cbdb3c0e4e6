"""The audit trail in the admin: visible to staff, read-only for everyone, superusers too."""

import datetime as dt
from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from backend.audit.history import historical_models
from backend.audit.models import AttachmentAccess
from backend.core.admin_tools import ReadOnlyAdmin, titled

# simple-history's codes of a version: created, changed, deleted.
CHANGE_LABELS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


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
    """One tracked model's field history: every saved version, who saved it and when.

    simple-history's own fields carry English labels (its Czech catalogue is `cs_CZ`, which
    Django does not read for `cs`), so the columns and the filter carry translated ones."""

    # The object's id, not its text: a version's __str__ may query related rows per line.
    list_display = ["saved_at", "change", "saved_by", "object_number"]
    list_filter = [("history_type", titled(_("change"), admin.ChoicesFieldListFilter))]
    list_select_related = ["history_user"]
    search_fields = ["id"]
    date_hierarchy = "history_date"

    @admin.display(description=_("time"), ordering="history_date")
    def saved_at(self, version: Any) -> dt.datetime:
        return version.history_date

    @admin.display(description=_("change"))
    def change(self, version: Any) -> str:
        return str(CHANGE_LABELS.get(version.history_type, version.history_type))

    @admin.display(description=_("done by"))
    def saved_by(self, version: Any) -> Any:
        return version.history_user

    @admin.display(description=_("object"), ordering="id")
    def object_number(self, version: Any) -> Any:
        return version.id


for _model in historical_models():
    admin.site.register(_model, HistoricalRecordAdmin)
