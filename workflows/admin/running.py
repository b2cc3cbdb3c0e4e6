"""Admin actions that run workflow actions on the selected objects."""

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from backend.machines.errors import WorkflowError


def run_for_each(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet[Any],
    action: Callable[[Any], Any],
) -> None:
    """Apply a workflow action to each selected object and report each refusal with its
    reasons; one refusal does not stop the others (each action is its own transaction)."""
    done = 0
    for obj in queryset:
        try:
            action(obj)
        except (WorkflowError, PermissionDenied, ValidationError) as error:
            reasons = getattr(error, "reasons", None) or getattr(error, "messages", [str(error)])
            modeladmin.message_user(request, f"{obj}: {' '.join(reasons)}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, f"{done} ✓", messages.SUCCESS)
