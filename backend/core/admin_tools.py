"""Admin building blocks shared by the domain apps' admin modules."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.functional import Promise


class ReadOnlyAdmin(admin.ModelAdmin):
    """For append-only records (logs, events, history): visible, never edited or deleted."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def titled(title: Promise, base: type[admin.FieldListFilter]) -> type[admin.FieldListFilter]:
    """`base`, the filter of a field, under a translated title instead of the field's label."""

    class Titled(base):  # type: ignore[valid-type,misc]  # a class made per title
        fixed_title = title

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.title = title

    return Titled
