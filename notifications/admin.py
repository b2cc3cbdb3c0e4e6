"""Notifications and the schedule in the admin (read-only: the jobs write)."""

import datetime as dt
import json
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_celery_beat.models import PeriodicTask

from backend.core.admin_tools import ReadOnlyAdmin
from notifications.models import EmailOptOut, Notification, SweepStatus


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "kind",
        "recipient",
        "content_type",
        "object_id",
        "deadline",
        "occasion",
        "email_status",
        "emailed_at",
        "read_at",
    ]
    list_filter = ["kind", "email_status", "deadline"]
    search_fields = ["recipient__username", "recipient__email"]
    date_hierarchy = "created_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Notification]:
        return super().get_queryset(request).select_related("recipient", "content_type")


@admin.register(EmailOptOut)
class EmailOptOutAdmin(ReadOnlyAdmin):
    list_display = ["user", "kind"]
    list_filter = ["kind"]


SWEEP_COLUMNS = [
    "name",
    "schedule",
    "next_run",
    "last_started_at",
    "last_finished_at",
    "last_ok",
    "result",
    "run_count",
]


@admin.register(SweepStatus)
class SweepStatusAdmin(ReadOnlyAdmin):
    """The schedule for the regional office: each job, when it runs, how its last run went.

    (The schedule itself is edited under "Periodic tasks" by administrators.)"""

    list_display = list(SWEEP_COLUMNS)
    readonly_fields = [*SWEEP_COLUMNS, "task", "last_result", "last_error"]

    def _periodic(self, obj: SweepStatus) -> PeriodicTask | None:
        return PeriodicTask.objects.filter(task=obj.task, enabled=True).first()

    @admin.display(description=_("schedule"))
    def schedule(self, obj: SweepStatus) -> str:
        periodic = self._periodic(obj)
        return str(periodic.scheduler) if periodic else "—"

    @admin.display(description=_("next run"))
    def next_run(self, obj: SweepStatus) -> Any:
        periodic = self._periodic(obj)
        if periodic is None:
            return "—"
        last = periodic.last_run_at or timezone.now()
        remaining = periodic.schedule.remaining_estimate(last)
        return timezone.localtime(timezone.now() + max(remaining, dt.timedelta(0)))

    @admin.display(description=_("last result"))
    def result(self, obj: SweepStatus) -> str:
        if obj.last_ok is False:
            return obj.last_error[:200]
        return json.dumps(obj.last_result, ensure_ascii=False)[:200]
