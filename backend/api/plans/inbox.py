"""The caller's inbox: what waits for them, the most urgent first (as on the home page),
paginated like the other lists (`?page=2&page_size=50`)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from backend.api.pagination import PagePagination
from backend.plans.worklist import Cases, worklist_for_user, worklist_tasks


class TaskSerializer(serializers.Serializer):
    what = serializers.CharField(help_text="What to do, e.g. “Give the municipality's opinion”.")
    subject = serializers.CharField()
    plan = serializers.IntegerField(
        source="plan_id", allow_null=True, help_text="The plan to act on."
    )
    deadline = serializers.DateField(allow_null=True)


class InboxView(generics.GenericAPIView):
    serializer_class = TaskSerializer
    pagination_class = PagePagination
    filter_backends: list[type] = []

    @extend_schema(
        responses=TaskSerializer(many=True),
        parameters=[
            OpenApiParameter(
                "cases",
                enum=Cases.values,
                default=Cases.ALL,
                description="An officer's opinions and decisions: `mine` (assigned to you or "
                "to a colleague you stand in for), `unassigned`, or `all` (both).",
            )
        ],
    )
    def get(self, request: Request) -> Response:
        """Your tasks: drafts to submit, plans to complete, opinions due, resolutions to
        record, decisions due — each with its deadline; the most urgent first, a page at a
        time. A colleague's assigned cases are not yours."""
        cases = request.query_params.get("cases", Cases.ALL)
        if cases not in Cases.values:
            raise ValidationError({"cases": _("Choose one of: all, mine, unassigned.")})
        # The database counts and pages the tasks; only the page's get their text and link.
        refs = self.paginate_queryset(worklist_for_user(user=request.user, cases=cases)) or []
        tasks = worklist_tasks(refs)
        return self.get_paginated_response(self.get_serializer(tasks, many=True).data)
