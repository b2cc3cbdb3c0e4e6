"""Admin building blocks shared by the domain apps' admin modules."""

from collections.abc import Callable
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise

from workflows.errors import WorkflowError


class ReadOnlyAdmin(admin.ModelAdmin):
    """For append-only records (logs, events, history): visible, never edited or deleted."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


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


def titled(title: Promise, base: type[admin.FieldListFilter]) -> type[admin.FieldListFilter]:
    """`base`, the filter of a field, under a translated title instead of the field's label."""

    class Titled(base):  # type: ignore[valid-type,misc]  # a class made per title
        fixed_title = title

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.title = title

    return Titled
