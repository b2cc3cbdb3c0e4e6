from django.contrib import admin
from django_fsm_log.models import StateLog

from backend.core.admin_tools import ReadOnlyAdmin
from workflows.models import DeadlineChange


@admin.register(StateLog)
class StateLogAdmin(ReadOnlyAdmin):
    """The transition log is append-only: nobody edits or deletes it here."""

    list_display = [
        "timestamp",
        "content_type",
        "object_id",
        "transition",
        "source_state",
        "state",
        "by",
    ]
    list_filter = ["content_type", "transition", "state"]
    search_fields = ["description"]


@admin.register(DeadlineChange)
class DeadlineChangeAdmin(ReadOnlyAdmin):
    """Every moved deadline with its cause and reason (append-only)."""

    list_display = [
        "changed_at",
        "plan",
        "opinion",
        "field",
        "old_date",
        "new_date",
        "cause",
        "changed_by",
    ]
    list_filter = ["cause", "field"]
    search_fields = ["reason"]
