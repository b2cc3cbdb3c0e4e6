import datetime as dt
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from backend.accounts.requests import AuthenticatedHttpRequest
from backend.calls.models import Call, NetworkPeriod
from workflows.admin.records import TransitionLogInline
from workflows.admin.running import run_for_each
from workflows.call_lifecycle.actions import call_close, call_finish, call_open


@admin.register(NetworkPeriod)
class NetworkPeriodAdmin(admin.ModelAdmin):
    list_display = ["__str__", "start_year", "end_year"]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "period",
        "state",
        "opens_at",
        "closes_at",
        "opinion_deadline",
        "decision_date",
    ]
    list_filter = ["state", "period", "region"]
    search_fields = ["name"]
    readonly_fields = ["state", "opinion_deadline", "council_deadline", "decision_date"]
    inlines = [TransitionLogInline]
    actions = ["open_calls", "close_calls", "finish_calls"]

    # The deadlines a call resolves (a fixed date or working days after the previous step).
    @admin.display(description=_("opinion deadline"))
    def opinion_deadline(self, call: Call) -> dt.date | None:
        return call.opinion_deadline

    @admin.display(description=_("council deadline"))
    def council_deadline(self, call: Call) -> dt.date | None:
        return call.council_deadline

    @admin.display(description=_("decision date"))
    def decision_date(self, call: Call) -> dt.date | None:
        return call.decision_date

    @admin.action(description=_("Open the selected calls"))
    def open_calls(self, request: AuthenticatedHttpRequest, queryset: QuerySet[Any]) -> None:
        run_for_each(self, request, queryset, lambda call: call_open(call=call, by=request.user))

    @admin.action(description=_("Close the selected calls"))
    def close_calls(self, request: AuthenticatedHttpRequest, queryset: QuerySet[Any]) -> None:
        run_for_each(self, request, queryset, lambda call: call_close(call=call, by=request.user))

    @admin.action(description=_("Finish the selected calls"))
    def finish_calls(self, request: AuthenticatedHttpRequest, queryset: QuerySet[Any]) -> None:
        run_for_each(self, request, queryset, lambda call: call_finish(call=call, by=request.user))
