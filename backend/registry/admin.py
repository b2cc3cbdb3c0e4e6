from typing import Any

from django.contrib import admin

from backend.registry.models import (
    ActivityCard,
    Municipality,
    Orp,
    PlanningArea,
    PlanningAreaMember,
    PlanningScheme,
    Provider,
    Region,
    ServiceType,
    SocialService,
    StrategicGoal,
    TargetGroup,
)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(Orp)
class OrpAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "seat", "municipality_count"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "orp", "code", "population"]
    list_filter = ["orp"]
    search_fields = ["name", "code"]


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin):
    list_display = ["paragraph", "name", "forms", "default_unit"]
    search_fields = ["paragraph", "name"]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(StrategicGoal)
class StrategicGoalAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(ActivityCard)
class ActivityCardAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "period"]
    list_filter = ["goals", "service_types"]
    search_fields = ["code", "name", "description"]
    filter_horizontal = ["goals", "service_types"]


class SocialServiceInline(admin.TabularInline):
    model = SocialService
    fields = ["name", "registration_number", "service_type", "form", "capacity_unit"]
    extra = 0
    show_change_link = True


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "ico", "legal_form", "address"]
    list_filter = ["legal_form"]
    search_fields = ["name", "ico"]
    inlines = [SocialServiceInline]


@admin.register(SocialService)
class SocialServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "provider", "registration_number", "service_type", "form"]
    list_filter = ["service_type", "form", "orps"]
    search_fields = ["name", "registration_number", "provider__name", "provider__ico"]
    autocomplete_fields = ["provider"]
    filter_horizontal = ["target_groups", "orps", "municipalities"]


class PlanningAreaMemberInline(admin.TabularInline):
    model = PlanningAreaMember
    extra = 0
    autocomplete_fields = ["municipality"]
    exclude = ["scheme"]


@admin.register(PlanningScheme)
class PlanningSchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "region"]
    list_filter = ["region"]
    search_fields = ["name"]


@admin.register(PlanningArea)
class PlanningAreaAdmin(admin.ModelAdmin):
    """Areas and their municipalities; a municipality in a second area of the same scheme is
    refused by the database (the web pages and the API say which area holds it)."""

    list_display = ["name", "scheme"]
    list_filter = ["scheme"]
    search_fields = ["name"]
    inlines = [PlanningAreaMemberInline]

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        for member in formset.save(commit=False):
            member.scheme_id = form.instance.scheme_id
            member.save()
        for member in formset.deleted_objects:
            member.delete()
