from django.contrib import admin

from backend.core.admin_tools import ReadOnlyAdmin
from backend.retention.models import RetentionRun


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    """Every run of the retention purge with its counts: looked at, never changed."""

    list_display = ["ran_at", "as_of", "dry_run", "counts"]
    list_filter = ["dry_run"]
    readonly_fields = ["ran_at", "as_of", "dry_run", "counts"]
