"""Reads of a call's configuration."""

from django.db.models import Count, QuerySet

from backend.calls.models import Call
from backend.callsetup.models import RequestForm


def request_form_list(*, call: Call) -> QuerySet[RequestForm]:
    """The call's forms with their documents and how many plans use each."""
    return (
        RequestForm.objects.filter(call=call)
        .prefetch_related("documents")
        .annotate(plan_count=Count("plans"))
        .order_by("code")
    )


def call_list_copy_sources(*, call: Call) -> QuerySet[Call]:
    """The calls whose configuration can be copied into `call`: the other calls of its
    region, the newest first."""
    return (
        Call.objects.filter(region_id=call.region_id)
        .exclude(pk=call.pk)
        .select_related("period")
        .order_by("-opens_at")
    )
