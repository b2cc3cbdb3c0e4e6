from django.urls import path

from backend.web.inbox import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("read-all/", views.notification_read_all, name="read_all"),
    path("settings/", views.preferences, name="preferences"),
    path("<id:notification_id>/open/", views.notification_open, name="open"),
]
