from django.urls import path, re_path

from backend.web.network import views

app_name = "network"
urlpatterns = [
    path("", views.register, name="register"),
    path("<int:entry_id>/", views.entry_detail, name="entry"),
    re_path(r"^export\.(?P<fmt>csv|xlsx|json)$", views.register_export, name="export"),
]
