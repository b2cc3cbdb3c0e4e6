from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from backend.accounts.models import Membership, User
from backend.accounts.services import user_deactivation_stamp


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["provider", "municipality"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_staff"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (None, {"fields": ["language", "deactivated_at"]}),
    )
    readonly_fields = ["deactivated_at"]

    def save_model(self, request: Any, obj: User, form: Any, change: bool) -> None:
        user_deactivation_stamp(user=obj)
        super().save_model(request, obj, form, change)
