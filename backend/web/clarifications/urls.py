from django.urls import path

from backend.web.clarifications import views

app_name = "clarifications"
urlpatterns = [
    path("<id:plan_id>/messages/", views.message_post_view, name="post"),
    path("<id:plan_id>/messages/read/", views.message_mark_read_view, name="mark_read"),
    path(
        "<id:plan_id>/messages/attachments/<id:message_attachment_id>/",
        views.message_attachment_download,
        name="attachment",
    ),
]
