from django.contrib import admin
from django_fsm_log.models import StateLog

from backend.core.admin_tools import ReadOnlyAdmin


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
