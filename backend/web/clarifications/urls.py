from django.urls import path

from backend.web.clarifications import views

app_name = "clarifications"
urlpatterns = [
    path("<int:plan_id>/messages/", views.message_post_view, name="post"),
    path("<int:plan_id>/messages/read/", views.message_mark_read_view, name="mark_read"),
    path(
        "<int:plan_id>/messages/attachments/<int:message_attachment_id>/",
        views.message_attachment_download,
        name="attachment",
    ),
]
