from django.urls import path

from backend.api.clarifications.views import PlanMessageViewSet

urlpatterns = [
    path(
        "plans/<id:plan_id>/messages/",
        PlanMessageViewSet.as_view({"get": "list", "post": "create"}),
        name="plan-messages",
    ),
    path(
        "plans/<id:plan_id>/messages/read/",
        PlanMessageViewSet.as_view({"post": "read"}),
        name="plan-messages-read",
    ),
    path(
        "plans/<id:plan_id>/messages/attachments/<id:message_attachment_id>/",
        PlanMessageViewSet.as_view({"get": "attachment"}),
        name="plan-message-attachment",
    ),
]
