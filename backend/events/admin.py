"""The outbox in the admin (read-only: the workflows write it, the drain marks it)."""

from django.contrib import admin

from backend.core.admin_tools import ReadOnlyAdmin
from backend.events.models import Event


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = [
        "occurred_at",
        "kind",
        "object_id",
        "source_state",
        "target_state",
        "actor",
        "processed_at",
    ]
    list_filter = ["kind"]
