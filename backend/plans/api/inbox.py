"""The caller's inbox: what waits for them, the most urgent first (as on the home page)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.plans.worklist import worklist_for_user


class TaskSerializer(serializers.Serializer):
    what = serializers.CharField(help_text="What to do, e.g. “Give the municipality's opinion”.")
    subject = serializers.CharField()
    plan = serializers.IntegerField(allow_null=True, help_text="The plan to act on.")
    deadline = serializers.DateField(allow_null=True)


class InboxView(APIView):
    @extend_schema(responses=TaskSerializer(many=True))
    def get(self, request: Request) -> Response:
        """Your tasks: drafts to submit, plans to complete, opinions due, resolutions to
        record, decisions due — each with its deadline."""
        tasks = [
            {"what": t.what, "subject": t.subject, "plan": t.plan_id, "deadline": t.deadline}
            for t in worklist_for_user(user=request.user)
        ]
        return Response(TaskSerializer(tasks, many=True).data)
