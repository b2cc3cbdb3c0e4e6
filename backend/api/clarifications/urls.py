from django.urls import path

from backend.api.clarifications.views import PlanMessageViewSet

urlpatterns = [
    path(
        "plans/<int:plan_id>/messages/",
        PlanMessageViewSet.as_view({"get": "list", "post": "create"}),
        name="plan-messages",
    ),
    path(
        "plans/<int:plan_id>/messages/read/",
        PlanMessageViewSet.as_view({"post": "read"}),
        name="plan-messages-read",
    ),
    path(
        "plans/<int:plan_id>/messages/attachments/<int:message_attachment_id>/",
        PlanMessageViewSet.as_view({"get": "attachment"}),
        name="plan-message-attachment",
    ),
]
